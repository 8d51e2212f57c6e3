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
    ToolTip.visible: hovered && toolTip.length > 0
    ToolTip.text: toolTip
    ToolTip.delay: 600

    contentItem: Item {
        Icon {
            anchors.centerIn: parent
            path: root.iconPath
            color: root.enabled ? root.iconColor : Theme.textDisabled
            size: 24
        }
    }
}
