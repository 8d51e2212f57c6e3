// The observation form: every dimension of the model on one screen, a level chip per observed dimension, a comment
// and a coaching action. Saving writes to the phone at once and goes back to the list.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Floorwalk

Page {
    id: root

    property string employeeId
    property string observationId

    signal saved(string observationId)
    signal removed(string observationId)
    signal backRequested()

    background: Rectangle { color: Theme.background }

    ObservationDraft {
        id: draft
        store: Store
        employeeId: root.employeeId
        observationId: root.observationId
        onSaved: (id) => root.saved(id)
        onRemoved: (id) => root.removed(id)
    }

    header: PageHeader {
        title: draft.isEdit ? qsTr("Edit observation") : qsTr("New observation")
        subtitle: draft.teamName.length ? qsTr("%1 · %2").arg(draft.employeeName).arg(draft.teamName) : draft.employeeName
        onBackClicked: root.backRequested()
        IconButton {
            objectName: "deleteObservationButton"
            visible: draft.isEdit && draft.editable
            iconPath: Icons.remove
            iconColor: "white"
            toolTip: qsTr("Delete this observation")
            onClicked: confirmDelete.open()
        }
    }

    ListView {
        id: form
        objectName: "observationForm"
        anchors.fill: parent
        clip: true
        spacing: 10
        topMargin: 12
        bottomMargin: 12
        leftMargin: 12
        rightMargin: 12
        model: draft.dimensions
        cacheBuffer: 2000

        // A Column, not a layout: its height is known when the view first positions itself.
        header: Column {
            width: form.width - form.leftMargin - form.rightMargin
            bottomPadding: 10
            spacing: 6
            Label {
                textFormat: Text.PlainText
                width: parent.width
                text: draft.hasModel ? qsTr("Tap the level you saw for each dimension you observed. Leave the others as not observed.")
                                     : qsTr("The experience model is not on this phone yet: sync once with the network on.")
                font.pixelSize: Theme.captionSize
                color: draft.hasModel ? Theme.textSecondary : Theme.warning
                wrapMode: Text.WordWrap
            }
            Label {
                textFormat: Text.PlainText
                width: parent.width
                visible: draft.isEdit && !draft.editable
                text: qsTr("This observation was made by another manager: you can read it, not change it.")
                font.pixelSize: Theme.captionSize
                color: Theme.warning
                wrapMode: Text.WordWrap
            }
        }

        delegate: DimensionCard {
            width: form.width - form.leftMargin - form.rightMargin
            scaleModel: draft.scale
            editable: draft.editable
            onLevelTapped: (row, level) => draft.toggleLevel(row, level)
        }

        footer: ColumnLayout {
            width: form.width - form.leftMargin - form.rightMargin
            spacing: 10
            Item { implicitHeight: 2 }
            Card {
                Layout.fillWidth: true
                implicitHeight: notes.implicitHeight + 2 * Theme.margin
                ColumnLayout {
                    id: notes
                    anchors.fill: parent
                    anchors.margins: Theme.margin
                    spacing: 4
                    Label {
                        textFormat: Text.PlainText
                        text: qsTr("Comment")
                        font.pixelSize: 15
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                    TextArea {
                        textFormat: TextEdit.PlainText
                        id: commentField
                        objectName: "commentField"
                        Layout.fillWidth: true
                        enabled: draft.editable
                        wrapMode: TextEdit.Wrap
                        placeholderText: qsTr("What went well, what to work on")
                        text: draft.comment
                        onTextChanged: if (text !== draft.comment) draft.comment = text
                    }
                    Label {
                        textFormat: Text.PlainText
                        Layout.topMargin: 8
                        text: qsTr("Coaching action")
                        font.pixelSize: 15
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                    TextArea {
                        textFormat: TextEdit.PlainText
                        objectName: "coachingField"
                        Layout.fillWidth: true
                        enabled: draft.editable
                        wrapMode: TextEdit.Wrap
                        placeholderText: qsTr("The one thing agreed for next time")
                        text: draft.coachingAction
                        onTextChanged: if (text !== draft.coachingAction) draft.coachingAction = text
                    }
                }
            }
            Item { implicitHeight: 80 }
        }
    }

    footer: Rectangle {
        implicitHeight: saveColumn.implicitHeight + 20
        color: Theme.surface
        Rectangle { width: parent.width; height: 1; color: Theme.divider }
        ColumnLayout {
            id: saveColumn
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            anchors.leftMargin: Theme.margin
            anchors.rightMargin: Theme.margin
            spacing: 4
            Label {
                textFormat: Text.PlainText
                objectName: "observationError"
                Layout.fillWidth: true
                visible: draft.errorText.length > 0
                text: draft.errorText
                color: Theme.danger
                font.pixelSize: Theme.captionSize
                wrapMode: Text.WordWrap
            }
            PrimaryButton {
                objectName: "saveObservationButton"
                Layout.fillWidth: true
                enabled: draft.canSave
                visible: draft.editable
                text: draft.ratedCount > 0 ? qsTr("Save · %n dimension(s) rated", "", draft.ratedCount) : qsTr("Rate at least one dimension")
                onClicked: draft.save()
            }
        }
    }

    ConfirmDialog {
        id: confirmDelete
        title: qsTr("Delete this observation?")
        message: qsTr("It will be removed from this phone and, at the next sync, from the server.")
        confirmText: qsTr("Delete")
        onAccepted: draft.remove()
    }
}
