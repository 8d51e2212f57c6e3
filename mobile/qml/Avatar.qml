// A round badge with a person's initials, tinted from the name so people are easy to tell apart.
import QtQuick

Rectangle {
    id: root

    property string initials
    property string name
    property int size: 40

    width: size
    height: size
    radius: size / 2
    color: Qt.hsla((hash(name) % 360) / 360, 0.45, 0.88, 1)

    function hash(text) {
        let h = 0
        for (let i = 0; i < text.length; ++i)
            h = (h * 31 + text.charCodeAt(i)) >>> 0
        return h
    }

    Text {
        textFormat: Text.PlainText
        anchors.centerIn: parent
        text: root.initials
        color: Qt.hsla((root.hash(root.name) % 360) / 360, 0.55, 0.28, 1)
        font.pixelSize: root.size * 0.38
        font.weight: Font.DemiBold
    }
}
