// Logging a coaching activity: what kind, who took part, and a note. Saved to the phone at once.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Floorwalk

Page {
    id: root

    property string activityId
    property string participantId  // ticked when the form opens

    signal saved(string activityId)
    signal removed(string activityId)
    signal backRequested()

    background: Rectangle { color: Theme.background }

    ActivityDraft {
        id: draft
        store: Store
        activityId: root.activityId
        onSaved: (id) => root.saved(id)
        onRemoved: (id) => root.removed(id)
        Component.onCompleted: if (root.participantId.length) preselect(root.participantId)
    }

    header: PageHeader {
        title: draft.isEdit ? qsTr("Edit coaching activity") : qsTr("Coaching activity")
        subtitle: qsTr("%n participant(s)", "", draft.participants.selectedCount)
        onBackClicked: root.backRequested()
        IconButton {
            visible: draft.isEdit
            iconPath: Icons.remove
            iconColor: "white"
            toolTip: qsTr("Delete this activity")
            onClicked: confirmDelete.open()
        }
    }

    ListView {
        id: list
        objectName: "participantList"
        anchors.fill: parent
        clip: true
        model: draft.participants

        header: ColumnLayout {
            width: list.width
            spacing: 0
            SectionHeader { text: qsTr("Kind") }
            Flow {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                Layout.rightMargin: Theme.margin
                spacing: 8
                Repeater {
                    model: [
                        { kind: ActivityDraft.OneToOne, text: qsTr("One-to-one") },
                        { kind: ActivityDraft.TeamBriefing, text: qsTr("Team briefing") },
                        { kind: ActivityDraft.Challenge, text: qsTr("Challenge") }
                    ]
                    delegate: ChipButton {
                        required property var modelData
                        objectName: "kind_" + modelData.kind
                        text: modelData.text
                        checked: draft.kind === modelData.kind
                        onClicked: draft.kind = modelData.kind
                    }
                }
            }
            SectionHeader { text: qsTr("Note") }
            TextArea {
                textFormat: TextEdit.PlainText
                objectName: "activityNote"
                Layout.fillWidth: true
                Layout.leftMargin: Theme.margin
                Layout.rightMargin: Theme.margin
                wrapMode: TextEdit.Wrap
                placeholderText: qsTr("Topic, what was agreed")
                text: draft.note
                onTextChanged: if (text !== draft.note) draft.note = text
            }
            SectionHeader { text: qsTr("Participants") }
        }

        section.property: "team"
        section.delegate: Rectangle {
            required property string section
            width: ListView.view.width
            height: 40
            color: Theme.background
            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: Theme.margin
                anchors.rightMargin: 4
                Label {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: section
                    font.pixelSize: Theme.captionSize
                    font.weight: Font.DemiBold
                    color: Theme.textSecondary
                    elide: Text.ElideRight
                }
                Button {
                    flat: true
                    text: qsTr("Whole team")
                    font.pixelSize: Theme.captionSize
                    onClicked: draft.participants.selectTeam(section, true)
                }
            }
        }

        delegate: CheckDelegate {
            required property int index
            required property string employeeId
            required property string name
            required property bool selected
            objectName: "participant_" + employeeId
            width: ListView.view.width
            leftPadding: Theme.margin
            text: name
            checked: selected
            // The name as written, never markup (Qt's own label would interpret it).
            contentItem: Label {
                textFormat: Text.PlainText
                rightPadding: parent.indicator.width + parent.spacing
                text: parent.text
                font: parent.font
                color: Theme.textPrimary
                elide: Text.ElideRight
                verticalAlignment: Text.AlignVCenter
            }
            background: Rectangle {
                color: parent.pressed ? Theme.primaryLight : Theme.surface
                Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.divider }
            }
            onClicked: draft.participants.toggle(index)
        }
        footer: Item { width: 1; height: 24 }
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
            Label {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: draft.errorText.length > 0
                text: draft.errorText
                color: Theme.danger
                font.pixelSize: Theme.captionSize
                wrapMode: Text.WordWrap
            }
            PrimaryButton {
                objectName: "saveActivityButton"
                Layout.fillWidth: true
                enabled: draft.canSave
                text: qsTr("Save activity")
                onClicked: draft.save()
            }
        }
    }

    ConfirmDialog {
        id: confirmDelete
        title: qsTr("Delete this activity?")
        message: qsTr("It will be removed from this phone and, at the next sync, from the server.")
        confirmText: qsTr("Delete")
        onAccepted: draft.remove()
    }
}
