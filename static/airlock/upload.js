// The upload page, enhanced: files and folders from the pickers or dropped onto the page are
// checked at once (type and size) and sent one by one with XMLHttpRequest, each with its own
// progress bar. Without this script the form still uploads as a plain multipart POST.
// Every text shown comes from the form's data-text-* attributes, translated by the server.
(function () {
  "use strict";

  var form = document.getElementById("upload-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) {
    return;
  }
  var list = document.getElementById("upload-list");
  var countLabel = document.getElementById("files-count");
  var noFiles = document.getElementById("no-files");
  var dropZone = document.getElementById("drop-zone");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var allowed = (form.dataset.allowedExtensions || "").split(/\s+/).filter(Boolean);
  var maxBytes = parseInt(form.dataset.maxBytes, 10) || Infinity;
  var text = function (key) {
    return form.dataset["text" + key] || "";
  };
  var fill = function (template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, key) {
      return values[key] === undefined ? "" : values[key];
    });
  };

  // With the script running, files go as soon as they are chosen: no Upload button needed.
  form.classList.add("enhanced");
  form.querySelectorAll("[data-js-only]").forEach(function (el) { el.hidden = false; });
  form.querySelectorAll("[data-no-js]").forEach(function (el) { el.hidden = true; });

  var fileCount = list.querySelectorAll("li.done").length;
  function countUploaded() {
    fileCount += 1;
    countLabel.textContent = fill(text("Count"), { count: fileCount });
    if (noFiles) {
      noFiles.hidden = true;
    }
  }

  function extensionOf(name) {
    var dot = name.lastIndexOf(".");
    return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : "";
  }

  // Sizes as the server shows them: KB, MB or GB in the page's language, never bytes.
  var numberFormats = {};
  function formatNumber(value, decimals) {
    var lang = document.documentElement.lang || "en";
    var key = lang + decimals;
    if (!numberFormats[key]) {
      numberFormats[key] = new Intl.NumberFormat(lang, {
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
      });
    }
    return numberFormats[key].format(value);
  }
  function humanSize(bytes) {
    var units = ["KB", "MB", "GB"];
    var size = bytes / 1024;
    var unit = 0;
    while (size >= 1024 && unit < units.length - 1) {
      size /= 1024;
      unit += 1;
    }
    if (bytes > 0 && size < 0.05) {
      size = 0.1;
    }
    var decimals = size < 10 && size !== Math.round(size) ? 1 : 0;
    return formatNumber(size, decimals) + "\u00a0" + units[unit];
  }

  // Why the server would refuse this file by its name or size; "" if it would not.
  function refusal(file) {
    var ext = extensionOf(file.name);
    if (allowed.indexOf(ext) === -1) {
      var reason = ext
        ? fill(text("ReasonExtension"), { ext: ext })
        : text("ReasonNoExtension");
      return { title: text("NotAllowed"), reason: reason };
    }
    if (file.size > maxBytes) {
      return { title: text("TooLarge"), reason: text("ReasonTooLarge") };
    }
    return null;
  }

  function newItem(file, folder) {
    var item = document.createElement("li");
    item.className = "upload-item";
    var name = document.createElement("span");
    name.className = "upload-name";
    if (folder) {
      var prefix = document.createElement("span");
      prefix.className = "muted";
      prefix.textContent = folder + "/";
      name.appendChild(prefix);
    }
    name.appendChild(document.createTextNode(file.name));
    var size = document.createElement("span");
    size.className = "upload-size";
    size.textContent = humanSize(file.size);
    var progress = document.createElement("progress");
    progress.max = 100;
    progress.value = 0;
    progress.setAttribute("aria-label", fill(text("Progress"), { name: file.name }));
    var status = document.createElement("span");
    status.className = "upload-status";
    status.textContent = text("Waiting");
    item.append(name, size, progress, status);
    list.insertBefore(item, list.firstChild);
    return { item: item, progress: progress, status: status };
  }

  function showRefused(view, title, reason) {
    view.item.classList.add("refused");
    view.progress.remove();
    view.status.textContent = "";
    var strong = document.createElement("strong");
    strong.textContent = title;
    view.status.append(strong, document.createTextNode(": " + reason));
    view.status.setAttribute("role", "alert");
  }

  var queue = [];
  var busy = false;

  function enqueue(file, folder) {
    var view = newItem(file, folder);
    var refused = refusal(file);
    if (refused) {
      showRefused(view, refused.title, refused.reason);
      return;
    }
    queue.push({ file: file, folder: folder, view: view });
    next();
  }

  function next() {
    if (busy || queue.length === 0) {
      return;
    }
    busy = true;
    send(queue.shift(), function () {
      busy = false;
      next();
    });
  }

  function send(job, done) {
    var view = job.view;
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrf);
    data.append("relative_path", job.folder);
    data.append("file", job.file, job.file.name);
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "application/json");
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    request.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        view.progress.value = Math.round((event.loaded / event.total) * 100);
      }
    });
    request.addEventListener("loadstart", function () {
      view.status.textContent = text("Uploading");
    });
    request.addEventListener("load", function () {
      var body = null;
      try {
        body = JSON.parse(request.responseText);
      } catch (_error) {
        body = null;
      }
      if (request.status === 201) {
        view.progress.value = 100;
        view.item.classList.add("done");
        view.status.textContent = text("Uploaded");
        countUploaded();
      } else if (body && body.refused && body.refused.length) {
        showRefused(view, body.refused[0].title, body.refused[0].reason);
      } else if (body && body.error) {
        showRefused(view, text("Failed"), body.error);
      } else {
        // The 413 for an oversize request is plain text; anything else gets its status.
        var message = request.status === 413 && request.responseText
          ? request.responseText
          : "HTTP " + request.status;
        showRefused(view, request.status === 413 ? text("TooLarge") : text("Failed"), message);
      }
      done();
    });
    request.addEventListener("error", function () {
      showRefused(view, text("Failed"), text("Connection"));
      done();
    });
    request.send(data);
  }

  function folderOf(relativePath) {
    var parts = (relativePath || "").replace(/^\/+/, "").split("/");
    parts.pop();
    return parts.join("/");
  }

  ["add-files", "add-folder"].forEach(function (id) {
    var input = document.getElementById(id);
    input.addEventListener("change", function () {
      Array.prototype.forEach.call(input.files, function (file) {
        enqueue(file, folderOf(file.webkitRelativePath));
      });
      input.value = "";
    });
  });

  // Drag and drop: files and whole folders (walked with the File System entry API).
  function walk(entry) {
    if (entry.isFile) {
      entry.file(function (file) {
        enqueue(file, folderOf(entry.fullPath));
      });
    } else if (entry.isDirectory) {
      var reader = entry.createReader();
      var readBatch = function () {
        // readEntries returns at most about 100 entries per call: read until it is empty.
        reader.readEntries(function (entries) {
          if (entries.length === 0) {
            return;
          }
          entries.forEach(walk);
          readBatch();
        });
      };
      readBatch();
    }
  }

  var dragDepth = 0;
  document.addEventListener("dragenter", function (event) {
    event.preventDefault();
    dragDepth += 1;
    dropZone.classList.add("dragging");
  });
  document.addEventListener("dragleave", function () {
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) {
      dropZone.classList.remove("dragging");
    }
  });
  document.addEventListener("dragover", function (event) {
    event.preventDefault();
    if (event.dataTransfer) {
      event.dataTransfer.dropEffect = "copy";
    }
  });
  document.addEventListener("drop", function (event) {
    event.preventDefault();
    dragDepth = 0;
    dropZone.classList.remove("dragging");
    var transfer = event.dataTransfer;
    if (!transfer) {
      return;
    }
    var items = transfer.items;
    if (items && items.length && items[0].webkitGetAsEntry) {
      // Take every entry before any asynchronous work: the list empties after this event.
      var entries = [];
      Array.prototype.forEach.call(items, function (item) {
        var entry = item.kind === "file" ? item.webkitGetAsEntry() : null;
        if (entry) {
          entries.push(entry);
        }
      });
      if (entries.length) {
        entries.forEach(walk);
        return;
      }
    }
    // No entry API, or a drag that carries no entries: take the plain file list.
    Array.prototype.forEach.call(transfer.files, function (file) {
      enqueue(file, "");
    });
  });
})();
