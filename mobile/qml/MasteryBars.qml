// Mastery per dimension as horizontal bars, with how many employees each rests on. A dimension nobody was
// assessed on says "no data" instead of showing an empty bar that would read as 0 %.
import QtQuick
import QtQuick.Layouts

ColumnLayout {
    id: root

    property var model

    spacing: 10

    Repeater {
        model: root.model
        delegate: ColumnLayout {
            required property string name
            required property real masteryRate
            required property int assessed
            required property int mastered
            Layout.fillWidth: true
            spacing: 4
            RowLayout {
                Layout.fillWidth: true
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: name
                    font.pixelSize: 14
                    color: Theme.textPrimary
                    elide: Text.ElideRight
                }
                Text {
                    textFormat: Text.PlainText
                    text: isNaN(masteryRate) ? qsTr("no data") : qsTr("%1 · %2/%3").arg(Theme.percent(masteryRate)).arg(mastered).arg(assessed)
                    font.pixelSize: Theme.captionSize
                    font.weight: Font.DemiBold
                    color: isNaN(masteryRate) ? Theme.textDisabled : Theme.textPrimary
                }
            }
            Rectangle {
                Layout.fillWidth: true
                implicitHeight: 12
                radius: 6
                color: Theme.noData
                opacity: isNaN(masteryRate) ? 0.5 : 1
                Rectangle {
                    width: isNaN(masteryRate) ? 0 : parent.width * masteryRate
                    height: parent.height
                    radius: 6
                    color: masteryRate >= 0.7 ? Theme.success : masteryRate >= 0.4 ? "#E9A23B" : "#D9653B"
                }
            }
        }
    }
}
