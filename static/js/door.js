/* The door check-in page: camera scanner, search, big feedback, undo, and a
   queue of scans kept in the browser while the connection is down.
   BarcodeDetector where the browser has it, else jsQR (static/vendor/jsqr). */
(function () {
  "use strict";
  var root = document.getElementById("door");
  if (!root) { return; }
  var data = root.dataset;
  var QUEUE_KEY = data.queueKey;
  var COOLDOWN_MS = 4000;       // the same ticket again: after this delay only
  var AFTER_UNDO_MS = 15000;    // an undone ticket still in view: not at once
  var recent = {};              // reference -> time until which it is ignored
  var lastReference = null;
  var sending = false;

  var el = function (id) { return document.getElementById(id); };

  function loadQueue() {
    try { return JSON.parse(localStorage.getItem(QUEUE_KEY)) || []; }
    catch (e) { return []; }
  }
  function saveQueue(queue) { localStorage.setItem(QUEUE_KEY, JSON.stringify(queue)); }

  function showQueue() {
    var count = loadQueue().length;
    var box = el("door-queue");
    box.hidden = count === 0;
    box.textContent = count === 1 ? data.textWaitingOne
      : data.textWaitingMany.replace("{count}", String(count));
  }

  function show(result, message, card) {
    el("door-result").dataset.result = result;
    el("door-message").textContent = message;
    el("door-name").textContent = card ? card.name : "";
    el("door-reference").textContent = card ? card.reference : "";
    var answers = el("door-answers");
    answers.textContent = "";
    (card && card.answers || []).forEach(function (item) {
      var dt = document.createElement("dt");
      dt.textContent = item.question;
      var dd = document.createElement("dd");
      dd.textContent = item.answer;
      answers.appendChild(dt);
      answers.appendChild(dd);
    });
    var canUndo = card && (result === "checked_in" || result === "already");
    el("door-undo").hidden = !canUndo;
    lastReference = canUndo ? card.reference : null;
  }

  function showCounts(counts) {
    if (counts) { el("door-counts").textContent = counts.text; }
  }

  function post(url, fields) {
    var body = new URLSearchParams(fields);
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": data.csrf, "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    });
  }

  /* Send the queued scans in order; stop at the first network failure. */
  function flush() {
    if (sending) { return; }
    var queue = loadQueue();
    if (!queue.length) { showQueue(); return; }
    sending = true;
    var item = queue[0];
    post(data.scanUrl, { reference: item.reference, scanned_at: item.scannedAt })
      .then(function (answer) {
        saveQueue(loadQueue().filter(function (q) { return q.id !== item.id; }));
        show(answer.result, answer.message, answer.card);
        showCounts(answer.counts);
        sending = false;
        showQueue();
        flush();
      })
      .catch(function () {
        sending = false;
        showQueue();
      });
  }

  function scan(reference) {
    var now = Date.now();
    if (recent[reference] && recent[reference] > now) { return; }
    recent[reference] = now + COOLDOWN_MS;
    var queue = loadQueue();
    queue.push({ id: now + "-" + Math.random(), reference: reference, scannedAt: now });
    saveQueue(queue);
    if (!navigator.onLine) {
      show("queued", data.textQueued, { name: "", reference: reference, answers: [] });
    }
    showQueue();
    flush();
  }

  el("door-undo").addEventListener("click", function () {
    if (!lastReference) { return; }
    var reference = lastReference;
    recent[reference] = Date.now() + AFTER_UNDO_MS;
    post(data.undoUrl, { reference: reference }).then(function (answer) {
      show(answer.result, answer.message, answer.card);
      showCounts(answer.counts);
    });
  });

  /* Search: a reference is scanned as such; a name lists the matches. */
  el("door-search").addEventListener("submit", function (event) {
    event.preventDefault();
    var query = el("door-q").value.trim();
    if (!query) { return; }
    var compact = query.toUpperCase().replace(/[^0-9A-Z]/g, "");
    if (/^DJ[0-9A-Z]{10}$/.test(compact)) {
      scan(query);
      return;
    }
    fetch(data.searchUrl + "?" + new URLSearchParams({ q: query }), {
      credentials: "same-origin", headers: { "Accept": "application/json" }
    }).then(function (r) { return r.json(); }).then(function (answer) {
      var list = el("door-found");
      list.textContent = "";
      if (!answer.results.length) {
        var none = document.createElement("li");
        none.textContent = data.textNobody;
        list.appendChild(none);
      }
      answer.results.forEach(function (found) {
        var li = document.createElement("li");
        li.textContent = found.name + " · " + found.reference + " · " + found.status + " ";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button";
        button.textContent = data.textCheckIn;
        button.addEventListener("click", function () {
          recent[found.reference] = 0;
          scan(found.reference);
        });
        li.appendChild(button);
        list.appendChild(li);
      });
    });
  });

  /* The camera: one decode every 250 ms. */
  var video = el("door-video");
  var canvas = document.createElement("canvas");
  var detector = null;
  function decode() {
    if (video.readyState < 2) { return Promise.resolve(null); }
    if (detector) {
      return detector.detect(video).then(function (codes) {
        return codes.length ? codes[0].rawValue : null;
      });
    }
    if (typeof jsQR !== "function") { return Promise.resolve(null); }
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    var context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    var image = context.getImageData(0, 0, canvas.width, canvas.height);
    var code = jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
    return Promise.resolve(code ? code.data : null);
  }
  function loop() {
    decode().then(function (text) {
      if (text) { scan(text.trim()); }
    }).catch(function () {}).then(function () { setTimeout(loop, 250); });
  }
  function startCamera() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      show("unknown", data.textNoCamera, null);
      return;
    }
    if ("BarcodeDetector" in window) {
      try { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); }
      catch (e) { detector = null; }
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (stream) {
        video.srcObject = stream;
        return video.play();
      })
      .then(function () {
        el("door-camera").hidden = true;
        loop();
      })
      .catch(function () { show("unknown", data.textNoCamera, null); });
  }
  el("door-camera").addEventListener("click", startCamera);

  /* Several phones at the door: the counters follow the others' check-ins. */
  setInterval(function () {
    fetch(data.statusUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (answer) { showCounts(answer.counts); })
      .catch(function () {});
    flush();
  }, 5000);
  window.addEventListener("online", flush);
  showQueue();
  flush();
})();
