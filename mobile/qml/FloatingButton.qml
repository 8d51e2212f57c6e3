// The floating action button: round (or pill-shaped with a label), in the accent colour, with a soft shadow drawn
// as plain rectangles (no shader effect).
import QtQuick
import QtQuick.Controls

AbstractButton {
    id: root

    property string iconPath: Icons.add

    implicitHeight: 58
    implicitWidth: text.length > 0 ? row.implicitWidth + 40 : 58
    Accessible.name: text

    background: Item {
        Rectangle {
            x: 1
            y: 3
            width: parent.width
            height: parent.height
            radius: height / 2
            color: "#33000000"
        }
        Rectangle {
            anchors.fill: parent
            radius: height / 2
            color: root.down ? Qt.darker(Theme.accent, 1.15) : Theme.accent
        }
    }
    contentItem: Item {
        Row {
            id: row
            anchors.centerIn: parent
            spacing: 8
            Icon {
                anchors.verticalCenter: parent.verticalCenter
                path: root.iconPath
                color: "white"
                size: 26
            }
            Text {
                textFormat: Text.PlainText
                anchors.verticalCenter: parent.verticalCenter
                visible: root.text.length > 0
                text: root.text
                color: "white"
                font.pixelSize: 15
                font.weight: Font.DemiBold
            }
        }
    }
}
