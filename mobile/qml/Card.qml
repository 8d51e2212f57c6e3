// A white rounded surface that groups related content.
import QtQuick

Rectangle {
    color: Theme.surface
    radius: Theme.radius
    border.color: Theme.divider
    border.width: 1
}
