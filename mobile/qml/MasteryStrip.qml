// One mark per dimension, coloured by the employee's current level: a glance at where he stands.
import QtQuick

Row {
    id: root

    property var levels: []
    property int minLevel: 1
    property int maxLevel: 4
    property int threshold: 3
    property int markWidth: 18
    property int markHeight: 6

    spacing: 3

    Repeater {
        model: root.levels
        delegate: Rectangle {
            required property int modelData
            width: root.markWidth
            height: root.markHeight
            radius: height / 2
            color: Theme.levelColor(modelData, root.minLevel, root.maxLevel, root.threshold)
        }
    }
}
