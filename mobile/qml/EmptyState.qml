// What an empty list says instead of showing nothing.
import QtQuick
import QtQuick.Layouts

ColumnLayout {
    id: root

    property string title
    property string message

    spacing: 6

    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        horizontalAlignment: Text.AlignHCenter
        text: root.title
        font.pixelSize: 17
        font.weight: Font.DemiBold
        color: Theme.textPrimary
        wrapMode: Text.WordWrap
    }
    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        horizontalAlignment: Text.AlignHCenter
        text: root.message
        font.pixelSize: Theme.bodySize
        color: Theme.textSecondary
        wrapMode: Text.WordWrap
        visible: text.length > 0
    }
}
