/* The door check-in page: camera scanner, search, big feedback, undo, and a
   queue of scans kept in the browser while the connection is down.
   The browser's BarcodeDetector where it reads QR codes, else jsQR
   (static/vendor/jsqr), downloaded only then. */
(function () {
  "use strict";
  var root = document.getElementById("door");
  if (!root) { return; }
  var data = root.dataset;
  var QUEUE_KEY = data.queueKey;
  var COOLDOWN_MS = 4000;       // the same ticket again: after this delay only
  var AFTER_UNDO_MS = 15000;    // an undone ticket still in view: not at once
  var POLL_MS = 5000;           // the counters, when no answer brought them lately
  var SEND_TIMEOUT_MS = 8000;   // a request on a dying connection: given up after
  var recent = {};              // reference -> time until which it is ignored
  var lastReference = null;
  var sending = false;
  var requestCount = 0;         // numbers the requests that bring counters back
  var countsFrom = 0;           // the request whose counters are shown
  var countsAt = 0;             // when counters last came back
  var writing = 0;              // scans and undos on their way

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
    var box = el("door-result");
    box.dataset.result = result;
    el("door-login").hidden = result !== "logged_out";
    /* The same result twice in a row (two students already in) still flashes. */
    box.classList.remove("door__result--new");
    void box.offsetWidth;
    box.classList.add("door__result--new");
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
    var rect = box.getBoundingClientRect();
    if (rect.top < 0 || rect.top > window.innerHeight - 80) {
      box.scrollIntoView({ block: "start" });
    }
  }

  /* Counters come with every answer and from the poll; an older request's
     counters never replace a newer one's. */
  function showCounts(counts, request) {
    if (!counts || request < countsFrom) { return; }
    countsFrom = request;
    countsAt = Date.now();
    el("door-counts").textContent = counts.text;
  }

  /* A JSON request that gives up after SEND_TIMEOUT_MS; the answer comes with
     the request's number, for showCounts. */
  function request(url, options) {
    var number = ++requestCount;
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller && setTimeout(function () { controller.abort(); }, SEND_TIMEOUT_MS);
    options.credentials = "same-origin";
    options.headers = Object.assign({ "Accept": "application/json" }, options.headers);
    if (controller) { options.signal = controller.signal; }
    return fetch(url, options).then(function (response) {
      /* The session ended (sent to the login page) or the server refuses us:
         no use sending again until someone logs in. */
      var type = response.headers.get("Content-Type") || "";
      if (response.redirected || response.status === 401 || response.status === 403
          || (response.ok && type.indexOf("application/json") < 0)) {
        var refused = new Error("logged out");
        refused.loggedOut = true;
        throw refused;
      }
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(function (answer) {
      clearTimeout(timer);
      answer.request = number;
      return answer;
    }, function (error) {
      clearTimeout(timer);
      throw error;
    });
  }

  function post(url, fields) {
    writing += 1;
    var done = function () { writing -= 1; };
    var sent = request(url, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "X-CSRFToken": data.csrf }
    });
    sent.then(done, done);
    return sent;
  }

  function showQueued(reference) {
    show("queued", data.textQueued, { name: "", reference: reference, answers: [] });
  }

  /* Logged out (an ended session): the scans wait here until someone logs in
     again from the link, which comes back to this page. */
  function showLoggedOut() {
    if (el("door-result").dataset.result !== "logged_out") {
      show("logged_out", data.textLoggedOut, null);
    }
  }

  /* Send the queued scans in order; stop at the first failure, to try again
     at the next poll or when the connection comes back. */
  function flush() {
    if (sending || !navigator.onLine) { showQueue(); return; }
    var queue = loadQueue();
    if (!queue.length) { showQueue(); return; }
    sending = true;
    var item = queue[0];
    post(data.scanUrl, { reference: item.reference, scanned_at: item.scannedAt })
      .then(function (answer) {
        saveQueue(loadQueue().filter(function (q) { return q.id !== item.id; }));
        show(answer.result, answer.message, answer.card);
        showCounts(answer.counts, answer.request);
        sending = false;
        showQueue();
        flush();
      })
      .catch(function (error) {
        sending = false;
        if (error.loggedOut) {
          showLoggedOut();
        } else if (el("door-result").dataset.result === "sending") {
          /* Still "sending" on screen: say it waits on this phone instead. */
          showQueued(el("door-reference").textContent);
        }
        showQueue();
      });
  }

  function scan(reference) {
    var now = Date.now();
    if (recent[reference] && recent[reference] > now) { return; }
    recent[reference] = now + COOLDOWN_MS;
    var queue = loadQueue();
    /* A ticket still waiting (held in front of the camera while offline, or
       while its first scan is on its way) is queued once. */
    if (queue.some(function (q) { return q.reference === reference; })) {
      if (!navigator.onLine) { showQueued(reference); }
      return;
    }
    queue.push({ id: now + "-" + Math.random(), reference: reference, scannedAt: now });
    saveQueue(queue);
    if (!navigator.onLine) {
      showQueued(reference);
    } else {
      show("sending", data.textSending, { name: "", reference: reference, answers: [] });
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
      showCounts(answer.counts, answer.request);
    }, function (error) {
      if (error.loggedOut) { showLoggedOut(); return; }
      el("door-message").textContent = data.textUndoFailed;
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
    var list = el("door-found");
    function say(text) {
      list.textContent = "";
      var item = document.createElement("li");
      item.textContent = text;
      list.appendChild(item);
    }
    request(data.searchUrl + "?" + new URLSearchParams({ q: query }), { method: "GET" })
      .then(function (answer) {
        if (!answer.results.length) { say(data.textNobody); return; }
        list.textContent = "";
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
      }, function (error) {
        if (error.loggedOut) { showLoggedOut(); } else { say(data.textSearchOffline); }
      });
  });

  /* The camera: one decode every 250 ms, by the browser's BarcodeDetector
     when it reads QR codes, else by jsQR. Which one is settled as the page
     loads, so that jsQR is downloaded then (and only where it is needed),
     before the connection may drop. A detector that keeps failing gives way
     to jsQR once jsQR is here. */
  var video = el("door-video");
  var canvas = document.createElement("canvas");
  var detector = null;
  var detectorFailures = 0;
  var MAX_DETECTOR_FAILURES = 8;
  var JSQR_RETRY_MS = 10000;
  var jsQRLoading = null;
  var jsQRFailedAt = 0;
  var cameraOn = false;

  function loadJsQR() {
    if (typeof window.jsQR === "function") { return Promise.resolve(); }
    if (!jsQRLoading) {
      if (Date.now() - jsQRFailedAt < JSQR_RETRY_MS) {
        return Promise.reject(new Error("jsQR did not load"));
      }
      jsQRLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = data.jsqrUrl;
        script.onload = resolve;
        script.onerror = function () {
          jsQRLoading = null;   // offline: tried again a little later
          jsQRFailedAt = Date.now();
          script.remove();
          reject(new Error("jsQR did not load"));
        };
        document.head.appendChild(script);
      });
    }
    return jsQRLoading;
  }

  /* A BarcodeDetector for QR codes, or null where there is none. */
  function qrDetector() {
    var Detector = window.BarcodeDetector;
    if (typeof Detector !== "function") { return Promise.resolve(null); }
    return Promise.resolve()
      .then(function () {
        return typeof Detector.getSupportedFormats === "function"
          ? Detector.getSupportedFormats() : ["qr_code"];
      })
      .then(function (formats) {
        if (!formats || Array.prototype.indexOf.call(formats, "qr_code") < 0) { return null; }
        return new Detector({ formats: ["qr_code"] });
      })
      .catch(function () { return null; });
  }

  var decoderChosen = qrDetector().then(function (found) {
    detector = found;
    if (!detector) { loadJsQR().catch(function () {}); }
  });

  function videoReady() {
    return video.readyState >= 2 && video.videoWidth > 0 && video.videoHeight > 0;
  }

  function decodeWithDetector() {
    return Promise.resolve()
      .then(function () { return detector.detect(video); })
      .then(function (codes) {
        detectorFailures = 0;
        var found = Array.prototype.filter.call(codes || [], function (code) {
          return code && code.rawValue && (!code.format || code.format === "qr_code");
        });
        return found.length ? found[0].rawValue : null;
      }, function () {
        detectorFailures += 1;
        if (detectorFailures >= MAX_DETECTOR_FAILURES) {
          detectorFailures = 0;
          loadJsQR().then(function () {
            detector = null;
            root.dataset.decoder = "jsQR";
          }, function () {});
        }
        return null;
      });
  }

  function decodeWithJsQR() {
    if (typeof window.jsQR !== "function") {
      return loadJsQR().then(function () { return null; }, function () { return null; });
    }
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    var context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    var image = context.getImageData(0, 0, canvas.width, canvas.height);
    var code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
    return Promise.resolve(code ? code.data : null);
  }

  function decode() {
    if (!videoReady()) { return Promise.resolve(null); }
    return detector ? decodeWithDetector() : decodeWithJsQR();
  }

  function loop() {
    Promise.resolve().then(decode).then(function (text) {
      if (text) { scan(text.trim()); }
    }).catch(function () {}).then(function () { setTimeout(loop, 250); });
  }

  function startCamera() {
    if (cameraOn) { return; }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      show("unknown", data.textNoCamera, null);
      return;
    }
    cameraOn = true;
    decoderChosen.then(function () {
      return navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment" }, audio: false
      });
    }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      return video.play();
    }).then(function () {
      el("door-camera").hidden = true;
      root.dataset.decoder = detector ? "BarcodeDetector" : "jsQR";
      loop();
    }).catch(function () {
      cameraOn = false;
      video.hidden = true;
      show("unknown", data.textNoCamera, null);
    });
  }
  el("door-camera").addEventListener("click", startCamera);

  /* Several phones at the door: the counters follow the others' check-ins.
     A light poll, only while the page is in view and no answer brought the
     counters lately. Never while a scan or an undo is on its way: the server
     could count before it and answer last. */
  function poll() {
    if (document.hidden || !navigator.onLine) { return; }
    flush();
    if (writing || Date.now() - countsAt < POLL_MS - 500) { return; }
    request(data.statusUrl, { method: "GET" })
      .then(function (answer) { showCounts(answer.counts, answer.request); })
      .catch(function (error) { if (error.loggedOut) { showLoggedOut(); } });
  }
  setInterval(poll, POLL_MS);
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { countsAt = 0; poll(); }
  });
  window.addEventListener("online", function () { countsAt = 0; poll(); });
  showQueue();
  flush();
  root.dataset.ready = "true";
})();
