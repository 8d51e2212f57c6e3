// One icon from Icons.qml, drawn at any size in any colour.
import QtQuick

Canvas {
    id: root

    property string path
    property color color: Theme.textSecondary
    property int size: 24

    implicitWidth: size
    implicitHeight: size
    renderStrategy: Canvas.Cooperative

    onPathChanged: requestPaint()
    onColorChanged: requestPaint()
    onWidthChanged: requestPaint()
    onHeightChanged: requestPaint()

    onPaint: {
        const ctx = getContext("2d")
        ctx.reset()
        if (!root.path.length)
            return
        ctx.scale(width / 24, height / 24)
        ctx.path = root.path
        ctx.fillStyle = root.color
        ctx.fill()
    }
}
