#!/usr/bin/env dotnet-script
// Prints the date and subject of the newest messages in INBOX, newest first. Run it with dotnet-script:
//
//   dotnet tool install -g dotnet-script
//   IMAP_PASSWORD=… dotnet script newest.csx -- imap.example.org 993 ann
//
// Arguments: HOST [PORT [USER [PASSWORD]]]; each one missing comes from IMAP_HOST, IMAP_PORT (default 993),
// IMAP_USER or IMAP_PASSWORD. Port 993 is TLS from the first byte; any other port must offer STARTTLS, unless
// IMAP_TLS=none (a test server on this machine: the password is then protected only by SCRAM, if the server has it).
#r "nuget: ImapClient, 0.1.0"
#nullable enable

using System;
using System.Globalization;
using System.Linq;
using System.Net;
using ImapClient;

const int Count = 10;

var host = Setting(0, "IMAP_HOST");
var port = int.Parse(Setting(1, "IMAP_PORT", "993"), CultureInfo.InvariantCulture);
var user = Setting(2, "IMAP_USER");
var password = Setting(3, "IMAP_PASSWORD");
var security = Environment.GetEnvironmentVariable("IMAP_TLS") == "none" ? ImapSecurity.None
    : port == 993 ? ImapSecurity.ImplicitTls
    : ImapSecurity.StartTlsRequired;

var imap = await ImapConnection.ConnectAsync(host, port, security);
try
{
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
}
finally
{
    await imap.DisposeAsync();
}

string Setting(int index, string variable, string? fallback = null) =>
    (Args.Count > index ? Args[index] : Environment.GetEnvironmentVariable(variable) ?? fallback)
    ?? throw new ArgumentException($"Give argument {index + 1} or set {variable}.");
