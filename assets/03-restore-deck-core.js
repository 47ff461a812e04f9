// After @deck.gl/json has loaded: keep it as window.deckJson and restore the core global.
window.deckJson = window.deck;
window.deck = window.deckCore;
