using System.Net;
using System.Security.Cryptography;
using System.Text;
using static ImapClient.Tests.Infrastructure.Faults.FaultTestKit;
using ImapClient.Tests.Infrastructure.Faults;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Streaming;

/// <summary>
/// How the bytes travel changes nothing: the same session read over a direct connection, cut into pieces of 1 to 7
/// bytes each way, or delayed, gives the same results to the character.
/// </summary>
public class PiecesAndDelayTests : DovecotTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private static string? _mailbox;
    private static string? _direct;

    public enum Transport
    {
        TinyPiecesBothWays,
        TinyPiecesToClientDelayToServer,
        DelayedPiecesBothWays,
    }

    [TestCase(Transport.TinyPiecesBothWays)]
    [TestCase(Transport.TinyPiecesToClientDelayToServer)]
    [TestCase(Transport.DelayedPiecesBothWays)]
    public async Task A_session_reads_the_same_over_a_faulty_transport_as_over_a_direct_one(Transport transport)
    {
        var (mailbox, direct) = await DirectRunAsync();
        await using var proxy = StartProxy(c =>
        {
            switch (transport)
            {
                case Transport.TinyPiecesBothWays:
                    c.ToClient.Pieces(1, 7, seed: 11);
                    c.ToServer.Pieces(1, 7, seed: 12);
                    break;
                case Transport.TinyPiecesToClientDelayToServer:
                    c.ToClient.Pieces(1, 7, seed: 13);
                    c.ToServer.Delay = TimeSpan.FromMilliseconds(15);
                    break;
                case Transport.DelayedPiecesBothWays:
                    c.ToClient.Pieces(1, 4096, seed: 14);
                    c.ToClient.Delay = TimeSpan.FromMilliseconds(2);
                    c.ToServer.Pieces(1, 64, seed: 15);
                    c.ToServer.Delay = TimeSpan.FromMilliseconds(2);
                    break;
            }
        });

        var proxied = await RunAsync(proxy, mailbox, maxRead: transport == Transport.DelayedPiecesBothWays ? null : 7);

        var connection = await proxy.NextConnectionAsync();
        TestContext.Out.WriteLine($"{connection.ToClient.Forwarded} bytes to the client, {connection.ToServer.Forwarded} to the server; transcript {direct.Length} characters");
        Assert.That(connection.ToClient.Forwarded, Is.GreaterThan(200_000), "the session read every message more than once");
        Assert.That(proxied, Is.EqualTo(direct));
    }

    [Test]
    public async Task An_APPEND_in_tiny_pieces_stores_exactly_the_bytes_sent()
    {
        var mailbox = SeedMailbox(1, bodyLines: 1);
        var content = Encoding.UTF8.GetBytes(
            "From: pieces@example.org\r\nSubject: in pieces\r\n\r\n" + string.Concat(Enumerable.Range(1, 400).Select(i => $"Line {i} ü\r\n")));
        var date = new DateTimeOffset(2022, 2, 2, 22, 22, 22, TimeSpan.FromHours(-3));
        await using var proxy = StartProxy(c =>
        {
            c.ToClient.Pieces(1, 7, seed: 21);
            c.ToServer.Pieces(1, 7, seed: 22);
        });

        AppendResult appended;
        await using (var imap = await LoginAsync(proxy, CommandTimeout))
        {
            appended = await imap.AppendAsync(mailbox, new MemoryStream(content), new MessageFlags(SystemFlags.Answered, ["$Pieces"]), date);
        }

        await using var direct = await LoginAsync(null, CommandTimeout);
        await direct.ExamineAsync(mailbox);
        var stored = (await direct.UidFetchAsync(SequenceSet.Single(appended.Uid!.Value),
            new FetchRequest(FetchItems.Flags | FetchItems.InternalDate).AddBodySection(""))).Single();
        Assert.That(SHA256.HashData(stored.GetSection("")!.Value.Span), Is.EqualTo(SHA256.HashData(content)));
        Assert.That(stored.Flags!.Contains(SystemFlags.Answered) && stored.Flags.Contains("$Pieces"), Is.True);
        Assert.That(stored.InternalDate, Is.EqualTo(date));
    }

    /// <summary>The reference run, over a direct connection, once for all transports.</summary>
    private static async Task<(string Mailbox, string Transcript)> DirectRunAsync()
    {
        _mailbox ??= await VariedMailbox.SeedAsync();
        _direct ??= await RunAsync(null, _mailbox);
        return (_mailbox, _direct);
    }

    /// <summary>
    /// Signs in with SCRAM (challenges and responses), reads the mailbox every way the library offers (buffered,
    /// streamed, partial, pipelined from many tasks), changes flags and changes them back, and writes down every result.
    /// </summary>
    private static async Task<string> RunAsync(FaultProxy? proxy, string mailbox, int? maxRead = null)
    {
        var transcript = new StringBuilder();
        ReadCountingStream? counter = null;
        ImapConnection imap;
        if (proxy is null)
        {
            imap = await ImapConnection.ConnectAsync(Server.Host, Server.Port, ImapSecurity.None, Options(CommandTimeout));
        }
        else
        {
            // Over a stream of our own, to count the reads the client made of what came in pieces (and keep them small).
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(proxy.Host, proxy.Port);
            counter = new ReadCountingStream(new System.Net.Sockets.NetworkStream(socket, ownsSocket: true), maxRead);
            imap = await ImapConnection.ConnectAsync(counter, Options(CommandTimeout));
        }

        await using var disposeImap = imap;
        await imap.AuthenticateAsync("SCRAM-SHA-256", new NetworkCredential(User, Server.Users[User]));
        var info = await imap.SelectAsync(mailbox);
        transcript.AppendLine($"select {info.Exists} {info.UidValidity} {info.UidNext} [{info.Flags}] [{info.PermanentFlags}] {info.Access}");

        var all = SequenceSet.Range(1, VariedMailbox.Count);
        var summary = new FetchRequest(FetchItems.Uid | FetchItems.Flags | FetchItems.InternalDate | FetchItems.Size
            | FetchItems.Envelope | FetchItems.BodyStructure).AddBodySection("HEADER");
        foreach (var message in await imap.FetchAsync(all, summary))
        {
            transcript.AppendLine(VariedMailbox.Describe(message));
        }

        foreach (var message in await imap.UidFetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Uid).AddBodySection("").AddBodySection("1", offset: 10, count: 300)))
        {
            transcript.AppendLine(VariedMailbox.Describe(message));
        }

        await foreach (var body in imap.FetchStreamAsync(all, new FetchRequest(FetchItems.Uid).AddBodySection("TEXT")))
        {
            using var copy = new MemoryStream();
            await body.Content.CopyToAsync(copy);
            transcript.AppendLine($"stream #{body.SequenceNumber} uid={body.Message.Uid} {body.Name} {VariedMailbox.Hash(copy.ToArray())}");
        }

        // Many tasks at once: each writes down its own results, in its own order.
        var perTask = await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            var lines = new StringBuilder();
            for (var round = 0; round < 3; round++)
            {
                var seq = (uint)(1 + ((worker * 3) + round) % VariedMailbox.Count);
                var one = await imap.FetchAsync(SequenceSet.Single(seq), new FetchRequest(FetchItems.Uid | FetchItems.Envelope | FetchItems.Size));
                lines.AppendLine($"task {worker}: " + string.Join(" / ", one.Select(VariedMailbox.Describe)));
                await imap.NoopAsync();
            }

            return lines.ToString();
        }));
        transcript.Append(string.Concat(perTask));

        var added = await imap.StoreAsync(SequenceSet.Range(2, 3), StoreAction.Add, new MessageFlags(SystemFlags.None, [VariedMailbox.Keyword]));
        var removed = await imap.StoreAsync(SequenceSet.Range(2, 3), StoreAction.Remove, new MessageFlags(SystemFlags.None, [VariedMailbox.Keyword]));
        foreach (var message in added.Concat(removed))
        {
            transcript.AppendLine("store " + VariedMailbox.Describe(message));
        }

        await imap.LogoutAsync();
        if (counter is not null)
        {
            TestContext.Out.WriteLine($"the client read {counter.BytesRead} bytes in {counter.Reads} reads ({(double)counter.BytesRead / counter.Reads:F1} per read)");
        }

        return transcript.ToString();
    }
}
