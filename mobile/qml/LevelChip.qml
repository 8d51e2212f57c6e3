// One level of the scale as a tappable chip: tap to rate, tap again to clear.
import QtQuick
import QtQuick.Controls

AbstractButton {
    id: root

    property int chipLevel
    property string chipLabel
    property bool selected
    property bool masteredLevel

    implicitHeight: 44
    implicitWidth: Math.max(64, content.implicitWidth + 16)
    checkable: false
    Accessible.name: qsTr("%1: %2").arg(chipLevel).arg(chipLabel)
    Accessible.checked: selected

    background: Rectangle {
        radius: Theme.smallRadius
        color: root.selected ? (root.masteredLevel ? Theme.success : Theme.accent)
                             : root.pressed ? Theme.primaryLight : Theme.surface
        border.color: root.selected ? color : Theme.divider
        border.width: 1
    }

    contentItem: Column {
        id: content
        spacing: 0
        topPadding: 3
        Text {
            textFormat: Text.PlainText
            anchors.horizontalCenter: parent.horizontalCenter
            text: root.chipLevel
            font.pixelSize: 15
            font.weight: Font.Bold
            color: root.selected ? "white" : Theme.textPrimary
        }
        Text {
            textFormat: Text.PlainText
            anchors.horizontalCenter: parent.horizontalCenter
            width: Math.min(implicitWidth, root.width - 8)
            text: root.chipLabel
            font.pixelSize: 10
            color: root.selected ? "white" : Theme.textSecondary
            elide: Text.ElideRight
            horizontalAlignment: Text.AlignHCenter
        }
    }
}
