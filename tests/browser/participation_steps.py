"""What a moderator does on the page, shared by the participation tests: sign in, then approve a queued
contribution and answer it ("retenue", with a public answer and a scenario version)."""

from __future__ import annotations

from tests.browser.conftest import TwinPage


def sign_in(twin: TwinPage, name: str, password: str) -> None:
    page = twin.page
    page.locator("#account-form summary").click()
    page.locator("#account-name").fill(name)
    page.locator("#account-password").fill(password)
    with page.expect_navigation():
        page.locator("#account-sign-in").click()
    twin.wait_until_drawn()


def open_in_queue(twin: TwinPage, words: str) -> str:
    """Opens the queued contribution whose text holds `words`; its full text as the queue shows it."""
    item = twin.page.locator(".moderation-item", has_text=words)
    item.wait_for(timeout=20_000)
    shown = item.inner_text()
    item.click()
    twin.page.locator("#moderation-detail blockquote").wait_for(timeout=20_000)
    return shown


def approve_and_adopt(twin: TwinPage, answer: str, version_label: str) -> None:
    """Approves the opened contribution, then sets "Retenue" with `answer`, linked to the scenario version
    whose option reads `version_label`."""
    page = twin.page
    page.locator("#moderation-approve").click()
    page.locator("#moderation-feedback").filter(has_text="publié").wait_for(timeout=20_000)
    page.locator("#follow-up").wait_for(state="visible", timeout=20_000)
    page.locator("#follow-up-status").get_by_role("radio", name="Retenue", exact=True).click()
    page.locator("#follow-up-answer").fill(answer)
    page.locator("#follow-up-scenario").click()
    page.get_by_role("option", name=version_label, exact=True).click()
    page.locator("#follow-up-save").click()
    page.locator("#moderation-feedback").filter(has_text="Suite donnée enregistrée").wait_for(timeout=20_000)
