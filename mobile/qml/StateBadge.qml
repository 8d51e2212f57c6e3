// Where a record stands: waiting on the phone, on the server, or needing the manager.
import QtQuick
import Floorwalk

Rectangle {
    id: root

    // ObservationHistoryModel.SyncState
    property int syncState: ObservationHistoryModel.Synced

    implicitWidth: label.implicitWidth + 16
    implicitHeight: 22
    radius: height / 2
    color: syncState === ObservationHistoryModel.Pending ? Theme.warningLight
         : syncState === ObservationHistoryModel.NeedsAttention ? Theme.dangerLight : Theme.successLight

    Text {
        textFormat: Text.PlainText
        id: label
        anchors.centerIn: parent
        font.pixelSize: Theme.smallSize
        font.weight: Font.DemiBold
        color: root.syncState === ObservationHistoryModel.Pending ? Theme.warning
             : root.syncState === ObservationHistoryModel.NeedsAttention ? Theme.danger : Theme.success
        text: root.syncState === ObservationHistoryModel.Pending ? qsTr("Pending")
            : root.syncState === ObservationHistoryModel.NeedsAttention ? qsTr("Needs attention") : qsTr("Synced")
    }
}
