using System.Buffers;
using System.Text;

namespace ImapClient.Session;

/// <summary>The protocol log: costs nothing unless the caller set a logger.</summary>
/// <remarks>Owns no field: it reads the options, the clock and the event dispatcher (ImapSession.cs).</remarks>
internal sealed partial class ImapSession
{
    /// <summary>Responses longer than this are logged truncated: the log is for reading, not for message bodies.</summary>
    private const int MaxLoggedResponse = 16 * 1024;

    private void LogSent(string redacted)
    {
        if (_options.ProtocolLogger is { } logger)
        {
            Log(logger, new ImapProtocolLogEntry(_time.GetUtcNow(), ImapProtocolDirection.Sent, redacted));
        }
    }

    private void LogReceived(in ReadOnlySequence<byte> response)
    {
        if (_options.ProtocolLogger is not { } logger)
        {
            return;
        }

        var text = response.Length <= MaxLoggedResponse
            ? Encoding.UTF8.GetString(response)
            : $"{Encoding.UTF8.GetString(response.Slice(0, MaxLoggedResponse))}… ({response.Length - MaxLoggedResponse} more bytes)\r\n";
        Log(logger, new ImapProtocolLogEntry(_time.GetUtcNow(), ImapProtocolDirection.Received, text));
    }

    /// <summary>A logger that throws must not break the exchange it is watching (half a command would be on the wire).</summary>
    private void Log(IImapProtocolLogger logger, ImapProtocolLogEntry entry)
    {
        try
        {
            logger.Log(entry);
        }
#pragma warning disable CA1031 // The logger is the caller's code; its failure is reported, not allowed to desynchronise us.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _dispatcher.ReportFailure(ex);
        }
    }
}
