// Signing in: server, organisation, username, password. After a 401 the identity is kept and only the password
// is asked again, so nothing recorded offline is lost or mixed up.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Floorwalk

Page {
    id: root

    // Re-authentication of the same identity (session expired), rather than a fresh sign-in.
    readonly property bool reauth: Session.state === Session.Expired
                                   || (Session.state === Session.SigningIn && Session.username.length > 0)
    property bool canGoBack: false

    signal backRequested()

    background: Rectangle { color: Theme.primary }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 48
        clip: true

        ColumnLayout {
            id: column
            x: 24
            y: 24
            width: parent.width - 48
            spacing: 16

            IconButton {
                visible: root.canGoBack
                iconPath: Icons.back
                iconColor: "white"
                toolTip: qsTr("Back")
                onClicked: root.backRequested()
            }

            ColumnLayout {
                Layout.fillWidth: true
                Layout.topMargin: root.canGoBack ? 0 : 40
                Layout.bottomMargin: 8
                spacing: 4
                Label {
                    textFormat: Text.PlainText
                    text: "Floorwalk"
                    font.pixelSize: 34
                    font.weight: Font.Bold
                    color: "white"
                }
                Label {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: qsTr("Observe, coach, and watch your teams grow.")
                    font.pixelSize: 16
                    color: Qt.rgba(1, 1, 1, 0.8)
                    wrapMode: Text.WordWrap
                }
            }

            Card {
                Layout.fillWidth: true
                implicitHeight: form.implicitHeight + 40
                ColumnLayout {
                    id: form
                    anchors.fill: parent
                    anchors.margins: 20
                    spacing: 6

                    Label {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: root.reauth ? qsTr("Your session has ended. Enter your password to carry on; everything on this phone is kept.")
                                          : qsTr("Sign in with the account your organisation gave you.")
                        font.pixelSize: Theme.captionSize + 1
                        color: Theme.textSecondary
                        wrapMode: Text.WordWrap
                        bottomPadding: 6
                    }
                    Label {
                        objectName: "insecureHttpWarning"
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        visible: Session.insecureHttpAllowed
                        text: qsTr("Insecure connections allowed (--allow-insecure-http): with an http:// address, your password and your teams' data cross the network unencrypted.")
                        font.pixelSize: Theme.captionSize
                        font.weight: Font.DemiBold
                        color: Theme.warning
                        wrapMode: Text.WordWrap
                        bottomPadding: 6
                    }
                    TextField {
                        id: serverField
                        objectName: "serverField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("Server address")
                        text: Session.serverUrl.length ? Session.serverUrl : "https://"
                        enabled: !root.reauth && !Session.busy
                        inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
                    }
                    TextField {
                        id: organizationField
                        objectName: "organizationField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("Organisation")
                        text: Session.organization
                        enabled: !root.reauth && !Session.busy
                        inputMethodHints: Qt.ImhNoAutoUppercase
                    }
                    TextField {
                        id: usernameField
                        objectName: "usernameField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("Username")
                        text: Session.username
                        enabled: !root.reauth && !Session.busy
                        inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                    }
                    TextField {
                        id: passwordField
                        objectName: "passwordField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("Password")
                        echoMode: TextInput.Password
                        enabled: !Session.busy
                        onAccepted: signInButton.clicked()
                    }
                    Label {
                        textFormat: Text.PlainText
                        objectName: "signInError"
                        Layout.fillWidth: true
                        visible: Session.errorMessage.length > 0 && Session.state !== Session.SigningIn
                        text: Session.errorMessage
                        color: Theme.danger
                        font.pixelSize: Theme.captionSize
                        wrapMode: Text.WordWrap
                    }
                    PrimaryButton {
                        id: signInButton
                        objectName: "signInButton"
                        Layout.fillWidth: true
                        Layout.topMargin: 8
                        enabled: !Session.busy && passwordField.text.length > 0
                        text: Session.state === Session.SigningIn ? qsTr("Signing in…") : qsTr("Sign in")
                        onClicked: Session.signIn(serverField.text, organizationField.text, usernameField.text, passwordField.text)
                    }
                    BusyIndicator {
                        Layout.alignment: Qt.AlignHCenter
                        running: Session.state === Session.SigningIn
                        visible: running
                    }
                }
            }

            Label {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Observations you record are kept on this phone and sent when a network is available.")
                font.pixelSize: Theme.captionSize
                color: Qt.rgba(1, 1, 1, 0.75)
                wrapMode: Text.WordWrap
            }
        }
    }

    Connections {
        target: Session
        function onStateChanged() {
            if (Session.signedIn)
                passwordField.text = ""
        }
    }
}
