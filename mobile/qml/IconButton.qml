// A flat round button showing one icon, with a text for screen readers and tooltips.
import QtQuick
import QtQuick.Controls

ToolButton {
    id: root

    property string iconPath
    property color iconColor: Theme.textSecondary
    property string toolTip

    implicitWidth: Theme.touchTarget
    implicitHeight: Theme.touchTarget
    Accessible.name: toolTip

    // Its own tooltip rather than the shared one: tooltips may name people, and Qt's shows markup as rich text.
    ToolTip {
        id: tip
        visible: root.hovered && root.toolTip.length > 0
        delay: 600
        text: root.toolTip
        contentItem: Text {
            textFormat: Text.PlainText
            text: root.toolTip
            font: tip.font
            wrapMode: Text.Wrap
            color: "white"
        }
    }

    contentItem: Item {
        Icon {
            anchors.centerIn: parent
            path: root.iconPath
            color: root.enabled ? root.iconColor : Theme.textDisabled
            size: 24
        }
    }
}
