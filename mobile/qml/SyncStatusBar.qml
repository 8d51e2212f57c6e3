// The status line under the title: how many changes wait, when the last sync succeeded, and the current problem in
// plain words, with the one action that helps (try again, or sign in again).
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Floorwalk

Rectangle {
    id: root

    signal signInRequested()
    signal attentionRequested()

    readonly property bool hasProblem: Sync.problem !== Sync.NoProblem
    readonly property bool expired: Session.state === Session.Expired

    implicitHeight: column.implicitHeight + 16
    color: hasProblem || expired ? Theme.warningLight : Theme.primaryLight

    ColumnLayout {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: 8
        spacing: 2

        RowLayout {
            Layout.fillWidth: true
            spacing: 8

            Rectangle {
                width: 8
                height: 8
                radius: 4
                color: root.hasProblem || root.expired ? Theme.warning
                     : Sync.pendingCount > 0 ? Theme.accent : Theme.success
            }
            Label {
                textFormat: Text.PlainText
                objectName: "syncStatusText"
                Layout.fillWidth: true
                text: Sync.statusText
                font.pixelSize: Theme.captionSize
                color: Theme.textPrimary
                elide: Text.ElideRight
            }
            BusyIndicator {
                running: Sync.busy
                visible: running
                implicitWidth: 24
                implicitHeight: 24
            }
            ToolButton {
                objectName: "syncNowButton"
                visible: !Sync.busy && !root.expired
                text: qsTr("Sync")
                font.pixelSize: Theme.captionSize
                implicitHeight: 36
                onClicked: Sync.syncNow()
            }
            ToolButton {
                visible: root.expired
                text: qsTr("Sign in")
                font.pixelSize: Theme.captionSize
                implicitHeight: 36
                Material.foreground: Theme.warning
                onClicked: root.signInRequested()
            }
        }
        Label {
            textFormat: Text.PlainText
            objectName: "syncProblemText"
            Layout.fillWidth: true
            visible: text.length > 0
            text: root.expired && !root.hasProblem ? qsTr("Your session has ended: sign in again to send your changes.")
                                                  : Sync.problemText
            font.pixelSize: Theme.captionSize
            color: Theme.warning
            wrapMode: Text.WordWrap
        }
        Label {
            textFormat: Text.PlainText
            visible: Sync.attentionCount > 0
            Layout.fillWidth: true
            text: qsTr("%n record(s) need your attention", "", Sync.attentionCount)
            font.pixelSize: Theme.captionSize
            font.underline: true
            color: Theme.danger
            MouseArea {
                anchors.fill: parent
                onClicked: root.attentionRequested()
            }
        }
    }
}
