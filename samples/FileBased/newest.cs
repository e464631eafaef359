#!/usr/bin/env dotnet
// Prints the date and subject of the newest messages in INBOX, newest first. A .NET 10 file-based app: no project
// file, just
//
//   IMAP_PASSWORD=… dotnet run newest.cs -- imap.example.org 993 ann
//
// Arguments: HOST [PORT [USER [PASSWORD]]]; each one missing comes from IMAP_HOST, IMAP_PORT (default 993),
// IMAP_USER or IMAP_PASSWORD. Two more variables:
//   IMAP_TLS=implicit|starttls|none   TLS from the first byte, STARTTLS required, or no TLS (a test server on this
//                                     machine: the password is then protected only by SCRAM, if the server has it).
//                                     Unset: implicit on port 993, starttls on any other.
//   IMAP_CERT_SHA256=<hex>            accept only the server certificate with this SHA-256 fingerprint (of its DER
//                                     bytes; 64 hex digits, colons allowed, any case), whoever signed it: for a test
//                                     server with a self-signed certificate. Unset: the system's validation applies.
//                                     openssl x509 -in cert.pem -noout -fingerprint -sha256 prints it.
#:package ImapClient@0.1.0

using System.Globalization;
using System.Net;
using ImapClient;

const int Count = 10;

var host = Setting(0, "IMAP_HOST");
var port = int.Parse(Setting(1, "IMAP_PORT", "993"), CultureInfo.InvariantCulture);
var user = Setting(2, "IMAP_USER");
var password = Setting(3, "IMAP_PASSWORD");
var security = Environment.GetEnvironmentVariable("IMAP_TLS")?.ToLowerInvariant() switch
{
    null or "" => port == 993 ? ImapSecurity.ImplicitTls : ImapSecurity.StartTlsRequired,
    "implicit" => ImapSecurity.ImplicitTls,
    "starttls" => ImapSecurity.StartTlsRequired,
    "none" => ImapSecurity.None,
    var other => throw new ArgumentException($"IMAP_TLS is \"{other}\": use implicit, starttls or none."),
};

// A pinned certificate replaces the chain check: the fingerprint is compared, nothing else (name, expiry, issuer).
var options = new ImapConnectionOptions();
var pinned = Environment.GetEnvironmentVariable("IMAP_CERT_SHA256");
if (!string.IsNullOrWhiteSpace(pinned))
{
    options.ServerCertificateValidationCallback = ImapCertificateValidation.PinSha256(pinned.Trim());
}

await using var imap = await ImapConnection.ConnectAsync(host, port, security, options);

// The strongest mechanism both sides support (SCRAM-SHA-256 first); a wrong password throws.
await imap.AuthenticateAsync(new NetworkCredential(user, password));

// EXAMINE: read-only, so looking marks nothing as seen. Sequence numbers run in arrival order.
var inbox = await imap.ExamineAsync("INBOX");
if (inbox.Exists > 0)
{
    var first = inbox.Exists > Count ? inbox.Exists - Count + 1 : 1;
    var messages = await imap.FetchAsync(SequenceSet.Range(first, inbox.Exists), new FetchRequest(FetchItems.Envelope));
    foreach (var message in messages.OrderByDescending(m => m.SequenceNumber))
    {
        Console.WriteLine($"{message.Envelope?.Date:yyyy-MM-dd}  {message.Envelope?.Subject}");
    }
}

await imap.LogoutAsync();

string Setting(int index, string variable, string? fallback = null) =>
    (args.Length > index ? args[index] : Environment.GetEnvironmentVariable(variable) ?? fallback)
    ?? throw new ArgumentException($"Give argument {index + 1} or set {variable}.");
