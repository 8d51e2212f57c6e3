// A toggle chip (filters, the kind of a coaching activity): outlined when off, filled when on.
import QtQuick
import QtQuick.Controls

AbstractButton {
    id: root

    property color tint: Theme.primary

    checkable: true
    implicitHeight: 36
    implicitWidth: label.implicitWidth + 28
    font.pixelSize: Theme.captionSize + 1
    font.weight: Font.DemiBold

    background: Rectangle {
        radius: height / 2
        color: root.checked ? root.tint : root.down ? Theme.primaryLight : Theme.surface
        border.color: root.checked ? root.tint : Theme.divider
        border.width: 1
    }
    contentItem: Text {
        textFormat: Text.PlainText
        id: label
        text: root.text
        font: root.font
        color: root.checked ? "white" : Theme.textPrimary
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
}
