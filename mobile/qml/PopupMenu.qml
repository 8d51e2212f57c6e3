// A menu whose surface is drawn without shader effects (see PrimaryButton).
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

Menu {
    Material.elevation: 0
    background: Rectangle {
        implicitWidth: 220
        radius: Theme.smallRadius
        color: Theme.surface
        border.color: Theme.divider
    }
}
