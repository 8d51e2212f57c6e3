// One dimension of the observation form: its name, the behaviours to look for, and a chip per level.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Floorwalk

Card {
    id: root

    required property int index
    required property string dimensionId
    required property string name
    required property string description
    required property var behaviours
    required property int level
    required property string levelLabel

    property var scaleModel
    property bool editable: true

    signal levelTapped(int row, int level)

    implicitHeight: column.implicitHeight + 2 * Theme.margin

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: 8

        RowLayout {
            Layout.fillWidth: true
            Label {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: root.name
                font.pixelSize: 17
                font.weight: Font.DemiBold
                color: Theme.textPrimary
                wrapMode: Text.WordWrap
            }
            Label {
                textFormat: Text.PlainText
                text: root.level > 0 ? root.levelLabel : qsTr("Not observed")
                font.pixelSize: Theme.captionSize
                color: root.level > 0 ? Theme.primary : Theme.textDisabled
            }
        }
        Label {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: text.length > 0
            text: root.description
            font.pixelSize: Theme.captionSize
            color: Theme.textSecondary
            wrapMode: Text.WordWrap
        }
        Repeater {
            model: root.behaviours
            delegate: RowLayout {
                required property string modelData
                Layout.fillWidth: true
                spacing: 8
                Rectangle {
                    Layout.alignment: Qt.AlignTop
                    Layout.topMargin: 7
                    width: 5
                    height: 5
                    radius: 2.5
                    color: Theme.primary
                }
                Label {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: modelData
                    font.pixelSize: 14
                    color: Theme.textPrimary
                    wrapMode: Text.WordWrap
                }
            }
        }
        // One row of chips sharing the card's width: each level is as easy to hit as the others.
        RowLayout {
            Layout.fillWidth: true
            Layout.topMargin: 4
            spacing: 6
            Repeater {
                model: root.scaleModel
                delegate: LevelChip {
                    required property int level
                    required property string label
                    required property bool mastered
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.minimumWidth: 40
                    objectName: "chip_" + root.dimensionId + "_" + level
                    chipLevel: level
                    chipLabel: label
                    masteredLevel: mastered
                    enabled: root.editable
                    selected: root.level === level
                    onClicked: root.levelTapped(root.index, level)
                }
            }
        }
    }
}
