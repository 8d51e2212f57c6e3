// Records the server refuses or finds in conflict reach the Needs attention screen with the server's reason, and
// leave it only by the manager's decision: discard (confirmed), retry, or keep mine.
import QtQuick
import QtTest
import Floorwalk
import FloorwalkTest

TestCase {
    id: test
    name: "NeedsAttention"
    when: windowShown

    property var window

    // The named item, on the current page first (hidden pages below it have items of the same name).
    function item(name) {
        const stack = findChild(window.contentItem, "stack")
        const found = (stack && stack.currentItem && findChild(stack.currentItem, name)) || findChild(window.contentItem, name)
        verify(found, "no item named " + name)
        return found
    }

    function currentPage() {
        return item("stack").currentItem
    }

    // Waits until `name` is the current page and its transition has ended (taps during a slide miss).
    function waitForPage(name) {
        tryCompare(currentPage(), "objectName", name, 10000)
        tryCompare(item("stack"), "busy", false)
    }

    // Scrolls the nearest Flickable so that the item is on screen, as a finger would before tapping.
    function bringIntoView(target) {
        for (let p = target.parent; p; p = p.parent) {
            if (p.contentY !== undefined && p.flicking !== undefined) {
                const pos = target.mapToItem(p, 0, 0)
                if (pos.y < 0 || pos.y + target.height > p.height) {
                    p.contentY = p.contentY + pos.y - (p.height - target.height) / 2
                    wait(50)
                }
                return
            }
        }
    }

    function tap(name) {
        const target = item(name)
        tryVerify(() => target.visible && target.enabled, 5000, name + " is not tappable")
        bringIntoView(target)
        mouseClick(target)
    }

    function observe(employeeId, chip, comment) {
        tap("observe_" + employeeId)
        waitForPage("observationPage")
        tap(chip)
        item("commentField").text = comment
        tap("saveObservationButton")
        waitForPage("homePage")
        return TestEnv.newestOutboxRecordId()
    }

    function syncNow() {
        waitForPage("homePage")
        tap("syncNowButton")
        tryVerify(() => !Sync.busy, 10000)
        tryVerify(() => Sync.pendingCount === 0 && !Sync.busy, 10000,
                  "still pending: " + TestEnv.outboxSummary() + " " + Sync.problemText)
    }

    function openAttention() {
        tap("attentionButton")
        waitForPage("attentionPage")
        return item("attentionList")
    }

    function initTestCase() {
        TestEnv.resetApp()
        window = Qt.createComponent("qrc:/Floorwalk/Main.qml").createObject(null)
        verify(window)
        Session.signIn(TestEnv.serverUrl, TestEnv.organization, TestEnv.username, TestEnv.password)
        tryCompare(Session, "state", Session.SignedIn, 10000)
        tryVerify(() => !isNaN(Sync.lastSuccessfulSync.getTime()) && !Sync.busy, 10000)
        tryCompare(item("employeeList"), "count", 5)
    }

    function cleanupTestCase() {
        window.destroy()
    }

    function test_1_refusedThenDiscarded() {
        // The admin moves Éric to another store before the phone hears of it.
        verify(TestEnv.moveEmployee("e2", "s2"))
        const id = observe("e2", "chip_welcome_2", "Observed before he moved")
        syncNow()
        tryCompare(Sync, "attentionCount", 1)

        const list = openAttention()
        tryCompare(list, "count", 1)
        const reason = findChild(list.itemAtIndex(0), "attentionReason")
        verify(reason.text.length > 0, "the server's reason is shown")
        grabImage(window.contentItem).save(TestEnv.screenshotDir + "/needs-attention-rejected.png")

        tap("discard_" + id)
        const dialog = item("confirmDiscardDialog")
        tryCompare(dialog, "opened", true)
        mouseClick(findChild(dialog, "confirmAccept"))
        tryCompare(dialog, "visible", false)
        tryCompare(list, "count", 0)
        compare(Sync.attentionCount, 0)
        tap("backButton")
        waitForPage("homePage")
        verify(TestEnv.moveEmployee("e2", "s1"))
    }

    function test_2_refusedThenRetried() {
        verify(TestEnv.moveEmployee("e3", "s2"))
        const id = observe("e3", "chip_closing_4", "Retry me")
        syncNow()
        tryCompare(Sync, "attentionCount", 1)
        verify(TestEnv.moveEmployee("e3", "s1"))   // the admin fixes the mistake

        const list = openAttention()
        tryCompare(list, "count", 1)
        tap("retry_" + id)
        tryCompare(list, "count", 0)
        compare(Sync.pendingCount, 1)
        tap("backButton")
        syncNow()
        compare(Sync.attentionCount, 0)
        compare(TestEnv.serverComment(id), "Retry me")
    }

    function test_3_conflictThenKeepMine() {
        const id = observe("e1", "chip_welcome_4", "First version")
        syncNow()
        compare(TestEnv.pushFromTablet(id, "e1", 2, 1, "Tablet version"), "ACCEPTED")

        // The manager edits the same observation on the phone.
        const list = item("employeeList")
        mouseClick(list.itemAtIndex(list.model.rowOf("e1")))
        waitForPage("employeePage")
        tap("edit_" + id)
        waitForPage("observationPage")
        item("commentField").text = "Phone version"
        tap("saveObservationButton")
        waitForPage("employeePage")
        tap("backButton")
        syncNow()
        tryCompare(Sync, "attentionCount", 1)

        const attention = openAttention()
        tryCompare(attention, "count", 1)
        compare(attention.itemAtIndex(0).attentionState, NeedsAttentionModel.Conflict)
        tap("keepMine_" + id)
        tryCompare(attention, "count", 0)
        tap("backButton")
        syncNow()
        compare(Sync.attentionCount, 0)
        compare(TestEnv.serverComment(id), "Phone version")
    }
}
