// The manager's main path, through the real screens: sign in, record an observation by tapping with the network
// off, see it pending, turn the network on, sync, see it synced on the phone and on the server.
import QtQuick
import QtTest
import Floorwalk
import FloorwalkTest

TestCase {
    id: test
    name: "ObservationFlow"
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

    function initTestCase() {
        TestEnv.resetApp()
        window = Qt.createComponent("qrc:/Floorwalk/Main.qml").createObject(null)
        verify(window)
        tryVerify(() => window.visible)
    }

    function cleanupTestCase() {
        window.destroy()
    }

    function test_1_signIn() {
        tryCompare(Session, "state", Session.SignedOut)
        waitForPage("signInPage")
        item("serverField").text = TestEnv.serverUrl
        item("organizationField").text = TestEnv.organization
        item("usernameField").text = TestEnv.username
        item("passwordField").text = "not-her-password"
        tap("signInButton")
        tryVerify(() => item("signInError").visible && item("signInError").text.length > 0, 10000)
        compare(Session.state, Session.SignedOut)

        item("passwordField").text = TestEnv.password
        tap("signInButton")
        tryCompare(Session, "state", Session.SignedIn, 10000)
        waitForPage("homePage")
        tryVerify(() => !isNaN(Sync.lastSuccessfulSync.getTime()) && !Sync.busy, 10000)
        tryCompare(item("employeeList"), "count", 5)
    }

    function test_2_recordOfflineThenSync() {
        TestEnv.setNetworkUp(false)
        const before = TestEnv.serverObservationCount()

        tap("observe_e1")
        waitForPage("observationPage")
        compare(item("saveObservationButton").enabled, false)  // nothing rated yet
        tap("chip_welcome_3")
        tap("chip_advice_4")
        tap("chip_advice_4")   // second tap: advice not observed after all
        tap("chip_closing_2")
        item("commentField").text = "Warm welcome, closing hesitant"
        item("observationForm").positionViewAtBeginning()
        wait(50)
        grabImage(window.contentItem).save(TestEnv.screenshotDir + "/observation-rated.png")
        tap("saveObservationButton")

        // Saved on the phone at once, back on the list, pending.
        waitForPage("homePage")
        compare(Sync.pendingCount, 1)
        verify(item("syncStatusText").text.indexOf("1 change waiting") >= 0, item("syncStatusText").text)
        const list = item("employeeList")
        const row = list.itemAtIndex(list.model.rowOf("e1"))
        compare(row.pendingCount, 1)

        // Network off: the sync fails in plain words, nothing is lost.
        tap("syncNowButton")
        tryCompare(Sync, "problem", Sync.ServerUnreachable, 10000)
        verify(item("syncProblemText").visible)
        verify(item("syncProblemText").text.indexOf("Your changes are safe") >= 0, item("syncProblemText").text)
        compare(Sync.pendingCount, 1)
        compare(TestEnv.serverObservationCount(), before)

        // Network back: it reaches the server.
        TestEnv.setNetworkUp(true)
        tap("syncNowButton")
        tryCompare(Sync, "pendingCount", 0, 10000)
        tryCompare(Sync, "problem", Sync.NoProblem, 10000)
        compare(TestEnv.serverObservationCount(), before + 1)
        verify(item("syncStatusText").text.indexOf("Everything sent") >= 0, item("syncStatusText").text)
    }

    function test_3_seeItSyncedOnTheEmployeePage() {
        const list = item("employeeList")
        mouseClick(list.itemAtIndex(list.model.rowOf("e1")))
        waitForPage("employeePage")
        const history = item("historyList")
        tryVerify(() => history.count >= 1)
        const card = history.itemAtIndex(0)
        verify(card)
        compare(card.comment, "Warm welcome, closing hesitant")
        compare(card.syncState, ObservationHistoryModel.Synced)
        compare(card.levels[0], 3)   // welcome
        compare(card.levels[2], 0)   // advice: not observed
        compare(card.levels[3], 2)   // closing
        tap("backButton")
        waitForPage("homePage")
    }
}
