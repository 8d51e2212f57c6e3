// Settings: language, the account and server this phone is signed in to, sync, and signing out (which asks
// before discarding anything unsent).
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Floorwalk

Page {
    id: root

    signal backRequested()

    background: Rectangle { color: Theme.background }

    header: PageHeader {
        title: qsTr("Settings")
        onBackClicked: root.backRequested()
    }

    component InfoRow: RowLayout {
        property string label
        property string value
        Layout.fillWidth: true
        spacing: 12
        Label {
            textFormat: Text.PlainText
            text: parent.label
            font.pixelSize: 14
            color: Theme.textSecondary
        }
        Label {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignRight
            text: parent.value
            font.pixelSize: 14
            color: Theme.textPrimary
            elide: Text.ElideMiddle
        }
    }

    Flickable {
        anchors.fill: parent
        contentHeight: content.implicitHeight + 32
        clip: true

        ColumnLayout {
            id: content
            x: 12
            y: 4
            width: parent.width - 24
            spacing: 4

            SectionHeader { leftPadding: 4; text: qsTr("Language") }
            Card {
                Layout.fillWidth: true
                implicitHeight: languages.implicitHeight + 8
                ColumnLayout {
                    id: languages
                    anchors.fill: parent
                    anchors.margins: 4
                    spacing: 0
                    RadioButton {
                        objectName: "languageSystem"
                        text: qsTr("Same as the phone")
                        checked: Language.language === ""
                        onClicked: Language.language = ""
                    }
                    RadioButton {
                        objectName: "languageFrench"
                        text: "Français"
                        checked: Language.language === "fr"
                        onClicked: Language.language = "fr"
                    }
                    RadioButton {
                        objectName: "languageEnglish"
                        text: "English"
                        checked: Language.language === "en"
                        onClicked: Language.language = "en"
                    }
                }
            }

            SectionHeader { leftPadding: 4; text: qsTr("Sync") }
            Card {
                Layout.fillWidth: true
                implicitHeight: syncColumn.implicitHeight + 28
                ColumnLayout {
                    id: syncColumn
                    anchors.fill: parent
                    anchors.margins: 14
                    spacing: 8
                    InfoRow {
                        label: qsTr("Waiting to be sent")
                        value: Sync.pendingCount
                    }
                    InfoRow {
                        label: qsTr("Needs attention")
                        value: Sync.attentionCount
                    }
                    InfoRow {
                        label: qsTr("Last successful sync")
                        value: isNaN(Sync.lastSuccessfulSync.getTime()) ? qsTr("never") : Theme.dateTime(Sync.lastSuccessfulSync)
                    }
                    Label {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        visible: text.length > 0
                        text: Sync.problemText
                        color: Theme.warning
                        font.pixelSize: Theme.captionSize
                        wrapMode: Text.WordWrap
                    }
                    Button {
                        Layout.alignment: Qt.AlignRight
                        text: qsTr("Sync now")
                        enabled: !Sync.busy && Session.signedIn
                        flat: true
                        onClicked: Sync.syncNow()
                    }
                }
            }

            SectionHeader { leftPadding: 4; text: qsTr("Account") }
            Card {
                Layout.fillWidth: true
                implicitHeight: accountColumn.implicitHeight + 28
                ColumnLayout {
                    id: accountColumn
                    anchors.fill: parent
                    anchors.margins: 14
                    spacing: 8
                    InfoRow { label: qsTr("Name"); value: Session.displayName }
                    InfoRow { label: qsTr("Username"); value: Session.username }
                    InfoRow { label: qsTr("Organisation"); value: Session.organizationName }
                    InfoRow { label: qsTr("Server"); value: Session.serverUrl }
                    InfoRow { label: qsTr("Device"); value: Session.deviceId }
                    InfoRow {
                        label: qsTr("Session kept in")
                        value: Session.tokenStorage === "keychain" ? qsTr("the phone's keychain") : qsTr("a private file")
                    }
                    Button {
                        objectName: "signOutButton"
                        Layout.fillWidth: true
                        Layout.topMargin: 6
                        text: qsTr("Sign out")
                        Material.foreground: Theme.danger
                        flat: true
                        onClicked: Session.unsentCount > 0 ? confirmDiscard.open() : confirmSignOut.open()
                    }
                }
            }

            Label {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                Layout.topMargin: 12
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("Floorwalk %1").arg(Qt.application.version)
                font.pixelSize: Theme.smallSize
                color: Theme.textDisabled
            }
        }
    }

    ConfirmDialog {
        id: confirmSignOut
        objectName: "confirmSignOut"
        title: qsTr("Sign out?")
        message: qsTr("The data of your teams will be removed from this phone.")
        confirmText: qsTr("Sign out")
        onAccepted: Session.signOut(false)
    }

    ConfirmDialog {
        id: confirmDiscard
        objectName: "confirmDiscardUnsent"
        title: qsTr("Unsent changes")
        message: qsTr("%n change(s) have not reached the server yet. Signing out now deletes them for good. Sync first if you can.", "", Session.unsentCount)
        confirmText: qsTr("Discard and sign out")
        onAccepted: Session.signOut(true)
    }
}
