// Panel LKjIP: start a build without leaving the page, show its steps, copy names.
(function () {
  "use strict";
  var form = document.getElementById("form-buat");
  var box = document.getElementById("kemajuan");

  function show(job) {
    document.getElementById("langkah").textContent = job.langkah.join("\n");
    var head = document.getElementById("status-tugas");
    if (job.status === "berjalan") {
      head.textContent = "Sedang membuat laporan " + job.tahun + " ...";
    }
  }

  function poll(url) {
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        show(job);
        if (job.status === "berjalan") {
          setTimeout(function () { poll(url); }, 500);
        } else {
          location.reload();  // the page then shows the results, previews and messages
        }
      })
      .catch(function () { setTimeout(function () { poll(url); }, 1000); });
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = document.getElementById("tombol-buat");
      button.disabled = true;
      box.hidden = false;
      document.getElementById("status-tugas").textContent = "Memulai ...";
      document.getElementById("langkah").textContent = "";
      document.getElementById("hasil-tugas").textContent = "";
      fetch(form.action, { method: "POST", body: new FormData(form),
                           headers: { Accept: "application/json" } })
        .then(function (r) { return r.json().then(function (body) { return [r.status, body]; }); })
        .then(function (answer) {
          if (answer[0] === 202) {
            poll(answer[1].url);
          } else {
            document.getElementById("status-tugas").textContent = answer[1].pesan;
            if (answer[1].id) { poll("/tugas/" + answer[1].id); }
          }
        });
    });
  }
  if (box && box.dataset.tugas) {
    poll("/tugas/" + box.dataset.tugas);
  }

  document.querySelectorAll("form[data-konfirmasi]").forEach(function (f) {
    f.addEventListener("submit", function (event) {
      if (!confirm(f.dataset.konfirmasi)) { event.preventDefault(); }
    });
  });

  var search = document.getElementById("cari");
  if (search) {
    var rows = Array.prototype.slice.call(document.querySelectorAll("#daftar-nama tbody tr"));
    var count = document.getElementById("jumlah-nama");
    search.addEventListener("input", function () {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = shown + " dari " + count.dataset.total + " nama";
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.salin");
    if (!button) { return; }
    var text = button.dataset.teks;
    var done = function () { button.textContent = "Tersalin"; setTimeout(function () { button.textContent = "Salin"; }, 1500); };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(text).then(done, function () { window.prompt("Salin teks ini:", text); });
    } else {
      window.prompt("Salin teks ini:", text);
    }
  });
})();
