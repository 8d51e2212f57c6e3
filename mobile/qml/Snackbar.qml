// A short message at the bottom of the screen that goes away by itself ("Saved on this phone").
import QtQuick
import QtQuick.Controls

Popup {
    id: root

    property string text

    function show(message) {
        text = message
        open()
        timer.restart()
    }

    x: (parent.width - width) / 2
    y: parent.height - height - 28
    width: Math.min(parent.width - 32, 420)
    padding: 14
    closePolicy: Popup.CloseOnPressOutside
    modal: false

    background: Rectangle {
        radius: Theme.smallRadius
        color: "#263042"
    }
    contentItem: Label {
        textFormat: Text.PlainText
        objectName: "snackbarText"
        text: root.text
        color: "white"
        font.pixelSize: 14
        wrapMode: Text.WordWrap
    }

    Timer {
        id: timer
        interval: 2800
        onTriggered: root.close()
    }
}
