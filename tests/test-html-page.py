#!/usr/bin/env python3
# test-html-page.py: the exported lesson page in headless Chromium: arrow keys step, and the page shows the right step, narration, states and segments.
import json
import os
import subprocess
import sys
import tempfile
import time

CLI = os.environ["SYNACK_CLI"]
CHROMIUM = os.environ.get("SYNACK_CHROMIUM", "/usr/bin/chromium")


class Browser:
    """Chrome DevTools Protocol over --remote-debugging-pipe: no network,
    no websocket, just NUL-separated JSON on file descriptors 3 and 4."""

    def __init__(self, profile):
        to_r, self.to_w = os.pipe()
        self.from_r, from_w = os.pipe()
        # The child reads commands on fd 3 and answers on fd 4.
        def child_fds():
            os.dup2(to_r, 3)
            os.dup2(from_w, 4)
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--remote-debugging-pipe",
             "--window-size=1280,800", "--user-data-dir=" + profile, "about:blank"],
            preexec_fn=child_fds, pass_fds=(3, 4, to_r, from_w), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_r)
        os.close(from_w)
        self.buf = b""
        self.next_id = 0

    def call(self, method, session=None, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self.to_w, json.dumps(msg).encode() + b"\0")
        while True:
            while b"\0" not in self.buf:
                chunk = os.read(self.from_r, 65536)
                if not chunk:
                    raise RuntimeError("Chromium closed the pipe during " + method)
                self.buf += chunk
            raw, self.buf = self.buf.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def close(self):
        try:
            self.call("Browser.close")
        except RuntimeError:
            pass
        self.proc.wait(timeout=30)


def evaluate(browser, session, expression):
    result = browser.call("Runtime.evaluate", session, expression=expression, returnByValue=True,
                          awaitPromise=True)
    return result["result"].get("value")


def press(browser, session, key, code, keycode):
    for kind in ("rawKeyDown", "keyUp"):
        browser.call("Input.dispatchKeyEvent", session, type=kind, key=key, code=code,
                     windowsVirtualKeyCode=keycode, nativeVirtualKeyCode=keycode)


def state_after(events, host, upto):
    state = "CLOSED"
    for e in events[:upto + 1]:
        if e["type"] == "state" and e["host"] == host:
            state = e["to"]
    return state


failures = []


def check(what, got, expected):
    status = "ok" if got == expected else "FAIL"
    print(f"{status}: {what}: {got!r}" + ("" if got == expected else f", expected {expected!r}"))
    if got != expected:
        failures.append(what)


def main():
    if not os.access(CHROMIUM, os.X_OK):
        print(f"FAIL: {CHROMIUM} is not installed (apt-get install chromium)")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "lesson.html")
        subprocess.run([CLI, "export", "--preset", "lost-last-ack", "-o", page], check=True)
        trace = json.loads(subprocess.run([CLI, "run", "--preset", "lost-last-ack", "--format", "json"],
                                          check=True, capture_output=True, text=True).stdout)
        events = trace["events"]
        with open(page, encoding="utf-8") as f:
            html = f.read()
        check("no external resources", any(s in html for s in ("src=\"http", "href=\"http", "@import", "url(http")),
              False)

        browser = Browser(os.path.join(tmp, "profile"))
        try:
            target = browser.call("Target.createTarget", url="file://" + page)["targetId"]
            session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            browser.call("Runtime.enable", session)
            # Wait until the page's script has run (it sets data-step).
            for _ in range(300):
                if evaluate(browser, session, "document.body && document.body.dataset.step === '0' "
                                              "&& document.readyState === 'complete'"):
                    break
                time.sleep(0.1)
            else:
                raise RuntimeError("the page did not load")
            steps = json.loads(evaluate(browser, session, "document.getElementById('steps').textContent"))
            check("one step per event, plus the start", len(steps), len(events) + 1)

            n = 12
            for _ in range(n):
                press(browser, session, "ArrowRight", "ArrowRight", 39)
            shown = evaluate(browser, session, "document.body.dataset.step")
            check(f"step after {n} right-arrow presses", shown, str(n))
            check("step line", evaluate(browser, session, "document.getElementById('step').textContent"),
                  f"Step {n} of {len(events)}")
            narration = evaluate(browser, session, "document.getElementById('narration').textContent")
            check("narration is the step's sentence", narration, steps[n]["n"])
            check("narration differs from the step before", narration != steps[n - 1]["n"], True)
            check("client state", evaluate(browser, session, "document.getElementById('state-client').textContent"),
                  state_after(events, "client", n - 1))
            check("server state", evaluate(browser, session, "document.getElementById('state-server').textContent"),
                  state_after(events, "server", n - 1))
            sent = sum(1 for e in events[:n] if e["type"] == "send")
            visible = evaluate(browser, session,
                               "Array.from(document.querySelectorAll('g.segment'))"
                               ".filter(g => g.style.display !== 'none').length")
            check("segments drawn so far", visible, sent)

            press(browser, session, "ArrowLeft", "ArrowLeft", 37)
            check("left arrow steps back", evaluate(browser, session, "document.body.dataset.step"), str(n - 1))
            check("narration follows", evaluate(browser, session, "document.getElementById('narration').textContent"),
                  steps[n - 1]["n"])
            press(browser, session, "End", "End", 35)
            check("End shows the last step", evaluate(browser, session, "document.body.dataset.step"),
                  str(len(events)))
            lost = evaluate(browser, session,
                            "Array.from(document.querySelectorAll('g.segment.lost'))"
                            ".filter(g => g.style.display !== 'none').length")
            check("the lost ACK is drawn at the end", lost, sum(1 for e in events if e["type"] == "lost"))
        finally:
            browser.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
