// One record the server refused or found in conflict: what it is, the server's reason, and the ways out.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Floorwalk

Card {
    id: root

    required property var seq
    required property int kind
    required property string recordId
    required property string title
    required property int activityKind
    required property int participantCount
    required property date at
    required property int attentionState
    required property string reason
    required property string code
    required property bool deletion

    signal fixRequested(int kind, string recordId)
    signal retryRequested(var seq)
    signal keepMineRequested(var seq)
    signal discardRequested(var seq)

    implicitHeight: column.implicitHeight + 28

    function activityName(kind) {
        return kind === ActivityDraft.TeamBriefing ? qsTr("Team briefing")
             : kind === ActivityDraft.Challenge ? qsTr("Challenge") : qsTr("One-to-one")
    }

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: 14
        spacing: 6

        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            Icon {
                path: Icons.warning
                size: 20
                color: root.attentionState === NeedsAttentionModel.Conflict ? Theme.warning : Theme.danger
            }
            Label {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: root.kind === NeedsAttentionModel.Observation
                      ? qsTr("Observation of %1").arg(root.title.length ? root.title : qsTr("an unknown employee"))
                      : qsTr("%1 · %n participant(s)", "", root.participantCount).arg(root.activityName(root.activityKind))
                font.pixelSize: 15
                font.weight: Font.DemiBold
                color: Theme.textPrimary
                elide: Text.ElideRight
            }
        }
        Label {
            textFormat: Text.PlainText
            text: (root.attentionState === NeedsAttentionModel.Conflict ? qsTr("Conflict") : qsTr("Refused by the server"))
                  + " · " + Theme.dateTime(root.at)
                  + (root.deletion ? " · " + qsTr("deletion") : "")
            font.pixelSize: Theme.captionSize
            color: Theme.textSecondary
        }
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: reasonLabel.implicitHeight + 16
            radius: Theme.smallRadius
            color: root.attentionState === NeedsAttentionModel.Conflict ? Theme.warningLight : Theme.dangerLight
            Label {
                textFormat: Text.PlainText
                id: reasonLabel
                objectName: "attentionReason"
                anchors.fill: parent
                anchors.margins: 8
                text: root.reason.length ? root.reason : root.code
                font.pixelSize: 14
                color: Theme.textPrimary
                wrapMode: Text.WordWrap
            }
        }
        Flow {
            Layout.fillWidth: true
            spacing: 4
            PrimaryButton {
                objectName: "fix_" + root.recordId
                visible: !root.deletion
                text: qsTr("Fix")
                implicitHeight: 40
                onClicked: root.fixRequested(root.kind, root.recordId)
            }
            Button {
                objectName: "keepMine_" + root.recordId
                visible: root.attentionState === NeedsAttentionModel.Conflict
                text: qsTr("Keep mine")
                flat: true
                onClicked: root.keepMineRequested(root.seq)
            }
            Button {
                objectName: "retry_" + root.recordId
                text: qsTr("Retry")
                flat: true
                onClicked: root.retryRequested(root.seq)
            }
            Button {
                objectName: "discard_" + root.recordId
                text: qsTr("Discard")
                flat: true
                Material.foreground: Theme.danger
                onClicked: root.discardRequested(root.seq)
            }
        }
    }
}
