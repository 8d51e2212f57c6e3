// A row of the home list: who, when last observed, where he stands per dimension, and whether he is due.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Floorwalk

ItemDelegate {
    id: root

    required property int index
    required property string employeeId
    required property string name
    required property string initials
    required property string jobTitle
    required property string team
    required property date lastObservedAt
    required property int daysSinceAccompanied
    required property bool due
    required property var levels
    required property int pendingCount
    required property bool needsAttention

    property int minLevel: 1
    property int maxLevel: 4
    property int threshold: 3

    signal observeRequested(string employeeId)

    implicitHeight: 76
    leftPadding: Theme.margin
    rightPadding: 4

    background: Rectangle {
        color: root.pressed ? Theme.primaryLight : Theme.surface
        Rectangle {
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.leftMargin: 72
            height: 1
            color: Theme.divider
        }
    }

    contentItem: RowLayout {
        spacing: 14

        Avatar {
            name: root.name
            initials: root.initials
            size: 42
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 4

            RowLayout {
                Layout.fillWidth: true
                spacing: 6
                Label {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: root.name
                    font.pixelSize: 16
                    font.weight: Font.Medium
                    color: Theme.textPrimary
                    elide: Text.ElideRight
                }
                Rectangle {
                    visible: root.due
                    implicitWidth: dueLabel.implicitWidth + 12
                    implicitHeight: 20
                    radius: 10
                    color: Theme.warningLight
                    Label {
                        textFormat: Text.PlainText
                        id: dueLabel
                        anchors.centerIn: parent
                        text: qsTr("Due")
                        font.pixelSize: Theme.smallSize
                        font.weight: Font.DemiBold
                        color: Theme.warning
                    }
                }
                Rectangle {
                    visible: root.pendingCount > 0 || root.needsAttention
                    implicitWidth: 8
                    implicitHeight: 8
                    radius: 4
                    color: root.needsAttention ? Theme.danger : Theme.accent
                }
            }
            Label {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: {
                    if (isNaN(root.lastObservedAt.getTime()))
                        return qsTr("%1 · never observed").arg(root.jobTitle)
                    return qsTr("%1 · observed %2").arg(root.jobTitle).arg(Theme.shortDate(root.lastObservedAt))
                }
                font.pixelSize: Theme.captionSize
                color: Theme.textSecondary
                elide: Text.ElideRight
            }
            MasteryStrip {
                levels: root.levels
                minLevel: root.minLevel
                maxLevel: root.maxLevel
                threshold: root.threshold
            }
        }

        IconButton {
            objectName: "observe_" + root.employeeId
            iconPath: Icons.observe
            iconColor: Theme.primary
            toolTip: qsTr("Observe %1").arg(root.name)
            onClicked: root.observeRequested(root.employeeId)
        }
    }
}
