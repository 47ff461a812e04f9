// The @deck.gl/json UMD bundle (loaded next) assigns its exports to window.deck.
// Keep the deck.gl core global under its own name so the bridge can use both.
window.deckCore = window.deck;
