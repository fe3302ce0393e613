// SPDX-License-Identifier: MulanPSL-2.0
// Whether the window is a phone's (at most 600px wide), kept up to date as it turns or is resized.
// Lists that are tables on wider screens show their rows there as stacked cards (class "stacked" in
// styles/base.css), so that every value and every button is on the screen without scrolling sideways.
import { ref } from 'vue'

const phones = window.matchMedia('(max-width: 600px)')
export const narrow = ref(phones.matches)
phones.addEventListener('change', (e) => {
  narrow.value = e.matches
})
