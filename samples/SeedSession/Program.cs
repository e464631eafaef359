// The RFC 3501 section 8 example session, through the typed API:
// login, select inbox, fetch N full, fetch N body[header], store N +flags \deleted, logout.
using System.Net;
using System.Net.Security;
using ImapClient;
using SeedSession;

Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

var step = "connect";
try
{
    var connectionOptions = new ImapConnectionOptions
    {
        ServerCertificateValidationCallback = TrustLoopback(options.Host),

        // "--tls none" is the caller's explicit choice of an unencrypted connection, credentials included.
        AllowPlaintextAuthentication = options.Tls == "none",
    };
    var security = options.Tls switch
    {
        "implicit" => ImapSecurity.ImplicitTls,
        "starttls" => ImapSecurity.StartTlsRequired,
        _ => ImapSecurity.None,
    };
    await using var imap = await ImapConnection.ConnectAsync(options.Host, options.Port, security, connectionOptions);
    imap.UntaggedResponse += (_, e) => Printer.Line($"* unsolicited: {Describe(e.Response)}");
    imap.Alert += (_, e) => Printer.Line($"* ALERT: {e.Text}");
    imap.MailboxSizeChanged += (_, e) => Printer.Line($"* mailbox size changed: {e.Exists} messages");
    imap.MessageExpunged += (_, e) => Printer.Line($"* message {e.SequenceNumber} expunged");
    imap.FlagsChanged += (_, e) => Printer.Line($"* flags of message {e.SequenceNumber} changed: {e.Flags}");
    imap.Bye += (_, e) => Printer.Line($"* BYE: {e.Text}");
    Printer.Line($"connected to {options.Host}:{options.Port}{(imap.TlsProtocol is { } p ? $" ({p}, {imap.TlsCipherSuite})" : "")}: {imap.Greeting}");

    step = options.Auth == "login" ? "login" : $"authenticate {options.Auth}";
    Printer.Line($"{step} as {options.User}");
    var credential = new NetworkCredential(options.User, options.Password);
    var ok = options.Auth switch
    {
        "login" => await imap.LoginAsync(options.User, options.Password),
        "auto" => await imap.AuthenticateAsync(credential),
        _ => await imap.AuthenticateAsync(options.Auth.ToUpperInvariant(), credential),
    };
    Printer.Line($"  {ok.Status.ToString().ToUpperInvariant()} {ok.Text}");

    step = "select inbox";
    Printer.Line(step);
    Printer.Mailbox(await imap.SelectAsync("INBOX"));

    var message = SequenceSet.Single(options.Message);
    step = $"fetch {options.Message} full";
    Printer.Line(step);
    var full = await imap.FetchAsync(message, new FetchRequest(FetchItems.Full));
    if (full.Count == 0)
    {
        throw new InvalidOperationException($"the server returned no data for message {options.Message}");
    }

    Printer.Summary(full[0]);

    step = $"fetch {options.Message} body[header]";
    Printer.Line(step);
    var header = await imap.FetchAsync(message, new FetchRequest().AddBodySection("HEADER", peek: false));
    Printer.Headers(header.Single().Headers ?? throw new InvalidOperationException("the server sent no header section"));

    step = $"store {options.Message} +flags \\deleted";
    Printer.Line(step);
    foreach (var m in await imap.StoreAsync(message, StoreAction.Add, new MessageFlags(SystemFlags.Deleted)))
    {
        Printer.Line($"  message {m.SequenceNumber} flags: {m.Flags}");
    }

    step = "logout";
    Printer.Line(step);
    var bye = await imap.LogoutAsync();
    Printer.Line($"  {bye.Status.ToString().ToUpperInvariant()} {bye.Text}");
    return 0;
}
catch (Exception ex)
{
    Console.Error.WriteLine($"error: {step} failed: {ex.Message}");
    return 1;
}

static string Describe(ImapResponse response) => response switch
{
    ImapStatusResponse s => s.ToString(),
    ImapExistsResponse e => $"{e.Count} EXISTS",
    ImapRecentResponse r => $"{r.Count} RECENT",
    ImapExpungeResponse x => $"{x.SequenceNumber} EXPUNGE",
    ImapFetchResponse f => $"{f.Message.SequenceNumber} FETCH (FLAGS ({f.Message.Flags}))",
    ImapUnknownResponse u => u.Text,
    _ => response.GetType().Name,
};

// The demo's private server uses a self-signed certificate on 127.0.0.1: trust it there, and only there.
static RemoteCertificateValidationCallback TrustLoopback(string host) => (_, _, _, errors) =>
{
    if (errors == SslPolicyErrors.None)
    {
        return true;
    }

    var loopback = host == "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    if (loopback)
    {
        Console.Error.WriteLine($"warning: accepting an untrusted certificate ({errors}) because {host} is this machine");
    }

    return loopback;
};
