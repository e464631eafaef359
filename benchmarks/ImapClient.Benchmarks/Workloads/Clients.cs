using ImapClient.Benchmarks.Replay;
using MailKit;
using MailKit.Security;

namespace ImapClient.Benchmarks.Workloads;

/// <summary>What both libraries fetch, and how each connects: to the replaying stream or to Dovecot.</summary>
internal static class Clients
{
    public const string User = "testuser";
    public const string Password = "testpass";

    /// <summary>Ours: UID FLAGS ENVELOPE BODYSTRUCTURE INTERNALDATE RFC822.SIZE.</summary>
    public static FetchRequest OursSummaries { get; } = new(
        FetchItems.Uid | FetchItems.Flags | FetchItems.Envelope | FetchItems.BodyStructure | FetchItems.InternalDate | FetchItems.Size);

    /// <summary>
    /// Ours for a message list: the same items, parsed as each response arrives (<see cref="FetchRequest.ParseWhileReceiving"/>),
    /// since the list reads them all.
    /// </summary>
    public static FetchRequest OursListSummaries { get; } = new(OursSummaries.Items) { ParseWhileReceiving = true };

    /// <summary>MailKit: the same items.</summary>
    public static MailKit.FetchRequest MailKitSummaries { get; } = new(
        MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.Envelope |
        MessageSummaryItems.BodyStructure | MessageSummaryItems.InternalDate | MessageSummaryItems.Size);

    /// <summary>Ours: UID BODY.PEEK[HEADER].</summary>
    public static FetchRequest OursHeaders { get; } = new FetchRequest(FetchItems.Uid).AddBodySection("HEADER");

    /// <summary>MailKit: UID BODY.PEEK[HEADER], parsed into a HeaderList as it arrives.</summary>
    public static MailKit.FetchRequest MailKitHeaders { get; } = new(MessageSummaryItems.UniqueId | MessageSummaryItems.Headers);

    public static ImapConnectionOptions OursOptions() => new()
    {
        AllowPlaintextAuthentication = true,
        CommandTimeout = TimeSpan.FromMinutes(10),
    };

    /// <summary>Ours over the replaying stream, signed in, INBOX selected.</summary>
    public static async Task<ImapConnection> OursReplayAsync(ReplayScript script, int maxReadSize)
    {
        var connection = await ImapConnection.ConnectAsync(new ScriptedImapStream(script, maxReadSize), OursOptions());
        await connection.LoginAsync(User, Password);
        await connection.SelectAsync("INBOX");
        return connection;
    }

    /// <summary>MailKit over the replaying stream, signed in, INBOX open.</summary>
    public static async Task<MailKit.Net.Imap.ImapClient> MailKitReplayAsync(ReplayScript script, int maxReadSize)
    {
        var client = new MailKit.Net.Imap.ImapClient();
        await client.ConnectAsync(new ScriptedImapStream(script, maxReadSize), "replay.invalid", 143, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        return client;
    }

    /// <summary>Ours against Dovecot, signed in, the mailbox selected.</summary>
    public static async Task<ImapConnection> OursServerAsync(string host, int port, string mailbox)
    {
        var connection = await ImapConnection.ConnectAsync(host, port, ImapSecurity.None, OursOptions());
        await connection.LoginAsync(User, Password);
        await connection.SelectAsync(mailbox);
        return connection;
    }

    /// <summary>
    /// Ours against Dovecot over a stream that counts received bytes, signed in, optionally compressed
    /// (COMPRESS=DEFLATE), the mailbox selected.
    /// </summary>
    public static async Task<(ImapConnection Connection, Wire.CountingNetworkStream Wire)> OursCountedAsync(string host, int port, string mailbox, bool compress)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(host, port);
        var wire = new Wire.CountingNetworkStream(socket);
        var connection = await ImapConnection.ConnectAsync(wire, OursOptions());
        await connection.LoginAsync(User, Password);
        if (compress)
        {
            await connection.CompressAsync();
        }

        await connection.SelectAsync(mailbox);
        return (connection, wire);
    }

    /// <summary>MailKit against Dovecot, signed in, the mailbox open read-write.</summary>
    public static async Task<(MailKit.Net.Imap.ImapClient Client, IMailFolder Folder)> MailKitServerAsync(string host, int port, string mailbox)
    {
        var client = new MailKit.Net.Imap.ImapClient { Timeout = (int)TimeSpan.FromMinutes(10).TotalMilliseconds };
        await client.ConnectAsync(host, port, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        var folder = mailbox == "INBOX" ? client.Inbox : await client.GetFolderAsync(mailbox);
        await folder.OpenAsync(FolderAccess.ReadWrite);
        return (client, folder);
    }
}
