// A headline rate of the dashboard: ring, name, and what it is made of.
import QtQuick
import QtQuick.Layouts

Card {
    id: root

    property string title
    property string detail
    property real value: NaN
    property color color: Theme.primary

    implicitHeight: column.implicitHeight + 24

    ColumnLayout {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: 12
        spacing: 6
        RingGauge {
            Layout.alignment: Qt.AlignHCenter
            value: root.value
            color: root.color
            size: Math.min(84, column.width)
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: root.title
            font.pixelSize: Theme.captionSize
            font.weight: Font.DemiBold
            color: Theme.textPrimary
            wrapMode: Text.WordWrap
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: root.detail
            font.pixelSize: Theme.smallSize
            color: Theme.textSecondary
            wrapMode: Text.WordWrap
        }
    }
}
