// The main action of a screen (Save, Sign in): a solid button drawn without shader effects, so it looks the same
// with the software renderer some phones and all headless runs use.
import QtQuick
import QtQuick.Controls

Button {
    id: root

    property color fillColor: Theme.primary

    implicitHeight: 52
    font.pixelSize: 15
    font.weight: Font.DemiBold

    background: Rectangle {
        radius: Theme.smallRadius
        color: !root.enabled ? Theme.noData : root.down ? Qt.darker(root.fillColor, 1.2) : root.fillColor
    }
    contentItem: Text {
        textFormat: Text.PlainText
        text: root.text
        font: root.font
        color: root.enabled ? "white" : Theme.textSecondary
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
}
