// One observation in an employee's history: when, by whom, the levels given, the notes, and its sync state.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Floorwalk

Card {
    id: root

    required property string observationId
    required property date observedAt
    required property int syncState
    required property bool own
    required property string comment
    required property string coachingAction
    required property var levels
    required property int ratedCount

    property int minLevel: 1
    property int maxLevel: 4
    property int threshold: 3

    signal editRequested(string observationId)

    implicitHeight: column.implicitHeight + 24

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: 12
        spacing: 6

        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            Label {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: Theme.dateTime(root.observedAt)
                font.pixelSize: 15
                font.weight: Font.DemiBold
                color: Theme.textPrimary
                elide: Text.ElideRight
            }
            StateBadge { syncState: root.syncState }
            IconButton {
                objectName: "edit_" + root.observationId
                visible: root.own
                implicitWidth: 36
                implicitHeight: 36
                iconPath: Icons.edit
                iconColor: Theme.primary
                toolTip: qsTr("Edit")
                onClicked: root.editRequested(root.observationId)
            }
        }
        RowLayout {
            spacing: 10
            MasteryStrip {
                levels: root.levels
                minLevel: root.minLevel
                maxLevel: root.maxLevel
                threshold: root.threshold
                markWidth: 22
                markHeight: 8
            }
            Label {
                textFormat: Text.PlainText
                text: root.own ? qsTr("%n dimension(s) · by you", "", root.ratedCount)
                               : qsTr("%n dimension(s) · by another manager", "", root.ratedCount)
                font.pixelSize: Theme.captionSize
                color: Theme.textSecondary
            }
        }
        Label {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: root.comment.length > 0
            text: root.comment
            font.pixelSize: 14
            color: Theme.textPrimary
            wrapMode: Text.WordWrap
            maximumLineCount: 4
            elide: Text.ElideRight
        }
        Label {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: root.coachingAction.length > 0
            text: qsTr("Next: %1").arg(root.coachingAction)
            font.pixelSize: 14
            font.italic: true
            color: Theme.primary
            wrapMode: Text.WordWrap
        }
    }
}
