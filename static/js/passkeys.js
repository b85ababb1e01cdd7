// Passkeys: shows the passkey forms only where the browser offers WebAuthn, asks the authenticator, and
// posts its answer as JSON in a hidden field. Without JavaScript or WebAuthn the forms stay hidden and the
// code from the authenticator app works as before.
(function () {
  "use strict";
  if (!window.PublicKeyCredential || !navigator.credentials || !window.JSON) {
    return;
  }

  function fromB64url(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) {
      base64 += "=";
    }
    var raw = atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      bytes[i] = raw.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function toB64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var raw = "";
    for (var i = 0; i < bytes.length; i++) {
      raw += String.fromCharCode(bytes[i]);
    }
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map(function (item) {
      return { type: item.type, id: fromB64url(item.id), transports: item.transports };
    });
  }

  function creationOptions(options) {
    options.challenge = fromB64url(options.challenge);
    options.user.id = fromB64url(options.user.id);
    options.excludeCredentials = descriptors(options.excludeCredentials);
    return { publicKey: options };
  }

  function requestOptions(options) {
    options.challenge = fromB64url(options.challenge);
    options.allowCredentials = descriptors(options.allowCredentials);
    return { publicKey: options };
  }

  function answer(credential) {
    var response = { clientDataJSON: toB64url(credential.response.clientDataJSON) };
    if (credential.response.attestationObject) {
      response.attestationObject = toB64url(credential.response.attestationObject);
      if (credential.response.getTransports) {
        response.transports = credential.response.getTransports();
      }
    } else {
      response.authenticatorData = toB64url(credential.response.authenticatorData);
      response.signature = toB64url(credential.response.signature);
      if (credential.response.userHandle) {
        response.userHandle = toB64url(credential.response.userHandle);
      }
    }
    return JSON.stringify({
      id: credential.id,
      rawId: toB64url(credential.rawId),
      type: credential.type,
      response: response,
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
    });
  }

  function wire(form) {
    var mode = form.getAttribute("data-passkey");
    var field = form.querySelector("input[name='credential']");
    var status = form.querySelector(".passkey-form__status");
    var busy = false;
    form.hidden = false;
    var fallback = document.querySelector(".passkey-unsupported");
    if (fallback) {
      fallback.hidden = true;
    }
    form.addEventListener("submit", function (event) {
      if (field.value) {
        return; // the answer is in: let the form post it
      }
      event.preventDefault();
      if (busy) {
        return;
      }
      busy = true;
      var options = JSON.parse(form.getAttribute("data-options"));
      var ask =
        mode === "create"
          ? navigator.credentials.create(creationOptions(options))
          : navigator.credentials.get(requestOptions(options));
      ask
        .then(function (credential) {
          field.value = answer(credential);
          form.submit();
        })
        .catch(function () {
          // Cancelled, timed out or refused by the browser: nothing reached the server, so nothing is
          // counted; say so (the text comes translated from the page) and let the person try again.
          busy = false;
          if (status) {
            status.textContent = form.getAttribute("data-no-answer") || "";
          }
        });
    });
  }

  var forms = document.querySelectorAll("form[data-passkey]");
  for (var i = 0; i < forms.length; i++) {
    wire(forms[i]);
  }
})();
