// Asks before anything is lost: the manager must say yes to a discard.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

Dialog {
    id: root

    property string message
    property string confirmText: qsTr("Discard")
    property bool destructive: true

    anchors.centerIn: Overlay.overlay
    width: Math.min(parent ? parent.width - 48 : 360, 380)
    modal: true
    focus: true
    Material.elevation: 0
    background: Rectangle {
        radius: Theme.radius
        color: Theme.surface
    }

    Label {
        textFormat: Text.PlainText
        width: root.availableWidth
        text: root.message
        wrapMode: Text.WordWrap
        font.pixelSize: Theme.bodySize
        color: Theme.textSecondary
    }

    footer: DialogButtonBox {
        Button {
            objectName: "confirmCancel"
            text: qsTr("Cancel")
            flat: true
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        Button {
            objectName: "confirmAccept"
            text: root.confirmText
            flat: true
            Material.foreground: root.destructive ? Theme.danger : Theme.primary
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
    }
}
