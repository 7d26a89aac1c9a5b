// Zoek uw straat: filters the list of all streets by name or postcode as
// one types, from /straten/index.json. Progressive enhancement: without this
// script the page is the full A-Z list and works as it is.
(function () {
  'use strict';
  var form = document.querySelector('form[data-index]');
  if (!form || !window.fetch) return;
  var input = form.querySelector('input[type="search"]');
  var count = form.querySelector('[role="status"]');
  var results = form.querySelector('ul');
  var list = document.querySelector('.street-index');
  var streets = null;
  var found = [];
  var timer = 0;

  // Lower case, without accents, apostrophes or punctuation.
  function plain(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/['\u2019`]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
  }

  // "1234ab", "1234 AB", "1234" -> "1234AB", "1234"; otherwise null.
  function postcode(text) {
    var compact = text.replace(/\s+/g, '').toUpperCase();
    return /^[1-9][0-9]{3}[A-Z]{0,2}$/.test(compact) ? compact : null;
  }

  function matches(query) {
    var code = postcode(query);
    var words = plain(query);
    if (!words) return [];
    return streets.filter(function (s) {
      if (code) {
        return s.postcodes.some(function (p) {
          return p.replace(' ', '').indexOf(code) === 0;
        });
      }
      return s.key.indexOf(words) !== -1 || s.key.replace(/ /g, '').indexOf(words.replace(/ /g, '')) !== -1;
    });
  }

  function say(n) {
    var text = n === 0 ? form.dataset.none : n === 1 ? form.dataset.one : form.dataset.many.replace('{n}', n);
    if (n === 1 && found[0].pages.length === 1) text += ' ' + form.dataset.go;
    count.textContent = text;
  }

  function item(street) {
    var li = document.createElement('li');
    street.pages.forEach(function (page, i) {
      var a = document.createElement('a');
      a.href = page.url;
      a.textContent = street.name;
      var wijk = document.createElement('span');
      wijk.className = 'street-wijk';
      wijk.textContent = form.dataset.wijk + ' ' + page.wijk;
      a.appendChild(document.createTextNode(' '));
      a.appendChild(wijk);
      if (i > 0) li.appendChild(document.createTextNode(' \u00b7 '));
      li.appendChild(a);
    });
    if (street.postcodes.length) {
      var codes = document.createElement('span');
      codes.className = 'postcodes';
      codes.textContent = ' ' + street.postcodes.join(', ');
      li.appendChild(codes);
    }
    return li;
  }

  function show() {
    var query = input.value;
    if (!streets) return;
    results.textContent = '';
    if (!plain(query)) {
      found = [];
      results.hidden = true;
      if (list) list.hidden = false;
      count.textContent = '';
      return;
    }
    found = matches(query);
    found.slice(0, 50).forEach(function (s) { results.appendChild(item(s)); });
    results.hidden = found.length === 0;
    if (list) list.hidden = true;
    say(found.length);
  }

  // The one page of a single match, if there is exactly one.
  function only() {
    return found.length === 1 && found[0].pages.length === 1 ? found[0].pages[0].url : null;
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(show, 120);
  });

  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown') {
      var first = results.querySelector('a');
      if (first) { event.preventDefault(); first.focus(); }
    } else if (event.key === 'Escape') {
      input.value = '';
      show();
    }
  });

  results.addEventListener('keydown', function (event) {
    var links = Array.prototype.slice.call(results.querySelectorAll('a'));
    var at = links.indexOf(document.activeElement);
    if (at === -1) return;
    if (event.key === 'ArrowDown' && at < links.length - 1) {
      event.preventDefault();
      links[at + 1].focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      (at === 0 ? input : links[at - 1]).focus();
    }
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    show();
    var url = only();
    if (url) window.location.href = url;
    else if (results.querySelector('a')) results.querySelector('a').focus();
  });

  fetch(form.dataset.index, { credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (data) {
      streets = data.map(function (s) {
        s.key = plain(s.name);
        return s;
      });
      form.hidden = false;
      // Arriving from "Zoek uw straat" on the home page: ?q=...
      var query = new URLSearchParams(window.location.search).get('q');
      if (query) {
        input.value = query;
        show();
        var url = only();
        if (url) window.location.replace(url);
        else input.focus();
      }
    })
    .catch(function () { /* the A-Z list stays */ });
})();
