// A small line chart of rates over weeks (0–100 %). Undefined points (NaN) break the line rather than dropping
// it to 0. Drawn with Canvas: no chart module, no widgets, on any phone.
import QtQuick
import QtQuick.Layouts

ColumnLayout {
    id: root

    property var labels: []
    // [{ name, color, values: [0..1 or NaN] }]
    property var series: []
    property int chartHeight: 170

    spacing: 8

    Canvas {
        id: canvas
        Layout.fillWidth: true
        Layout.preferredHeight: root.chartHeight
        renderStrategy: Canvas.Cooperative

        Connections {
            target: root
            function onSeriesChanged() { canvas.requestPaint() }
            function onLabelsChanged() { canvas.requestPaint() }
        }
        onWidthChanged: requestPaint()
        onHeightChanged: requestPaint()

        onPaint: {
            const ctx = getContext("2d")
            ctx.reset()
            const left = 36, right = 16, top = 8, bottom = 22
            const w = width - left - right
            const h = height - top - bottom
            const n = root.labels.length
            ctx.font = "11px sans-serif"
            ctx.textBaseline = "middle"
            // Grid at 0, 25, 50, 75 and 100 %.
            for (let g = 0; g <= 4; ++g) {
                const y = top + h - h * g / 4
                ctx.strokeStyle = g === 0 ? "#C5CCD8" : "#E6E9EF"
                ctx.lineWidth = 1
                ctx.beginPath()
                ctx.moveTo(left, y)
                ctx.lineTo(left + w, y)
                ctx.stroke()
                ctx.fillStyle = "#7A8599"
                ctx.textAlign = "right"
                ctx.fillText((g * 25) + "%", left - 6, y)
            }
            if (n === 0)
                return
            const x = (i) => n === 1 ? left + w / 2 : left + w * i / (n - 1)
            ctx.textAlign = "center"
            ctx.fillStyle = "#7A8599"
            const every = Math.max(1, Math.ceil(n / 6))
            for (let i = 0; i < n; ++i) {
                if ((n - 1 - i) % every === 0) {
                    // Keep the labels at the ends inside the canvas.
                    const half = ctx.measureText(root.labels[i]).width / 2
                    ctx.fillText(root.labels[i], Math.max(half, Math.min(width - half, x(i))), top + h + 13)
                }
            }
            for (const s of root.series) {
                ctx.strokeStyle = s.color
                ctx.fillStyle = s.color
                ctx.lineWidth = 2.5
                ctx.lineJoin = "round"
                let drawing = false
                ctx.beginPath()
                for (let i = 0; i < n; ++i) {
                    const v = s.values[i]
                    if (v === undefined || isNaN(v)) {
                        drawing = false
                        continue
                    }
                    const px = x(i), py = top + h - h * Math.max(0, Math.min(1, v))
                    if (drawing)
                        ctx.lineTo(px, py)
                    else
                        ctx.moveTo(px, py)
                    drawing = true
                }
                ctx.stroke()
                for (let i = 0; i < n; ++i) {
                    const v = s.values[i]
                    if (v === undefined || isNaN(v))
                        continue
                    ctx.beginPath()
                    ctx.arc(x(i), top + h - h * Math.max(0, Math.min(1, v)), i === n - 1 ? 4 : 2.5, 0, 2 * Math.PI)
                    ctx.fill()
                }
            }
        }
    }

    Flow {
        Layout.fillWidth: true
        Layout.leftMargin: 36
        spacing: 16
        visible: root.series.length > 1
        Repeater {
            model: root.series
            delegate: Row {
                required property var modelData
                spacing: 6
                Rectangle {
                    anchors.verticalCenter: parent.verticalCenter
                    width: 14
                    height: 4
                    radius: 2
                    color: modelData.color
                }
                Text {
                    textFormat: Text.PlainText
                    text: modelData.name
                    font.pixelSize: Theme.smallSize + 1
                    color: Theme.textSecondary
                }
            }
        }
    }
}
