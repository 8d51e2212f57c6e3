// A rate as a ring: the filled arc is the share, the centre shows the percentage (a dash when undefined).
import QtQuick

Item {
    id: root

    property real value: NaN  // [0, 1] or NaN
    property color color: Theme.primary
    property int size: 84
    property int thickness: 9

    implicitWidth: size
    implicitHeight: size

    Canvas {
        id: canvas
        anchors.fill: parent
        renderStrategy: Canvas.Cooperative
        onPaint: {
            const ctx = getContext("2d")
            ctx.reset()
            const r = (Math.min(width, height) - root.thickness) / 2
            const cx = width / 2, cy = height / 2
            ctx.lineWidth = root.thickness
            ctx.lineCap = "round"
            ctx.strokeStyle = Theme.noData
            ctx.beginPath()
            ctx.arc(cx, cy, r, 0, 2 * Math.PI)
            ctx.stroke()
            if (isNaN(root.value) || root.value <= 0)
                return
            ctx.strokeStyle = root.color
            ctx.beginPath()
            ctx.arc(cx, cy, r, -Math.PI / 2, -Math.PI / 2 + 2 * Math.PI * Math.min(1, root.value))
            ctx.stroke()
        }
        Connections {
            target: root
            function onValueChanged() { canvas.requestPaint() }
            function onColorChanged() { canvas.requestPaint() }
        }
    }

    Text {
        textFormat: Text.PlainText
        anchors.centerIn: parent
        text: Theme.percent(root.value)
        font.pixelSize: root.size * 0.24
        font.weight: Font.Bold
        color: isNaN(root.value) ? Theme.textDisabled : Theme.textPrimary
    }
}
