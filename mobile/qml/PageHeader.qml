// The coloured bar at the top of every page: back, title and subtitle, and the page's actions on the right.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

ToolBar {
    id: root

    property string title
    property string subtitle
    property bool showBack: true
    default property alias actions: actionRow.data

    signal backClicked()

    Material.foreground: "white"
    implicitHeight: 60
    background: Rectangle { color: Theme.primary }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: root.showBack ? 4 : Theme.margin
        anchors.rightMargin: 4
        spacing: 4

        IconButton {
            objectName: "backButton"
            visible: root.showBack
            iconPath: Icons.back
            iconColor: "white"
            toolTip: qsTr("Back")
            onClicked: root.backClicked()
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 0
            Label {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: root.title
                font.pixelSize: Theme.titleSize
                font.weight: Font.DemiBold
                color: "white"
                elide: Text.ElideRight
            }
            Label {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: text.length > 0
                text: root.subtitle
                font.pixelSize: Theme.captionSize
                color: Qt.rgba(1, 1, 1, 0.78)
                elide: Text.ElideRight
            }
        }
        Row {
            id: actionRow
            spacing: 0
        }
    }
}
