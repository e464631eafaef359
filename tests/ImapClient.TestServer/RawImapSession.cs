using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ImapClient.TestServer;

/// <summary>
/// A minimal IMAP exchange for the harness's own housekeeping, so the harness does not depend on the library under test.
/// </summary>
internal sealed class RawImapSession : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly StreamReader _reader;
    private readonly Stream _stream;
    private int _tag;

    private RawImapSession(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new StreamReader(_stream, Encoding.ASCII);
    }

    /// <summary>Logs in and selects a mailbox once, which makes Dovecot sync it and hand out \Recent.</summary>
    public static async Task SelectOnceAsync(
        string host, int port, string user, string password, string mailbox, CancellationToken cancellationToken)
    {
        var session = await ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            await session.RunAsync($"LOGIN {Quote(user)} {Quote(password)}", cancellationToken).ConfigureAwait(false);
            await session.RunAsync($"SELECT {Quote(mailbox)}", cancellationToken).ConfigureAwait(false);
            await session.RunAsync("LOGOUT", cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<RawImapSession> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            var session = new RawImapSession(client);
            var greeting = await session._reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (greeting?.StartsWith("* OK", StringComparison.Ordinal) != true)
            {
                throw new InvalidOperationException($"Unexpected greeting: {greeting}");
            }

            return session;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Sends one command and returns once its tagged OK arrives; throws on NO or BAD.</summary>
    private async Task RunAsync(string command, CancellationToken cancellationToken)
    {
        var tag = string.Create(CultureInfo.InvariantCulture, $"h{++_tag}");
        await _stream.WriteAsync(Encoding.ASCII.GetBytes($"{tag} {command}\r\n"), cancellationToken).ConfigureAwait(false);
        while (await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith(tag + " ", StringComparison.Ordinal))
            {
                if (!line.AsSpan(tag.Length + 1).StartsWith("OK", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"'{command.Split(' ')[0]}' failed: {line}");
                }

                return;
            }
        }

        throw new IOException("The server closed the connection.");
    }

    /// <summary>An IMAP quoted string; the harness's own names and passwords never need literals.</summary>
    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
