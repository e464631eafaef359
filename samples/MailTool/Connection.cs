using System.Net;
using ImapClient;

namespace MailTool;

internal static class Connection
{
    /// <summary>Connects and signs in. The caller disposes the connection (<c>await using</c>).</summary>
    public static async Task<ImapConnection> OpenAsync(ConnectionSettings settings, CancellationToken cancellationToken)
    {
        var options = new ImapConnectionOptions
        {
            // The library never sends a password in the clear (LOGIN, PLAIN) over a connection without TLS unless
            // told to. SCRAM and CRAM-MD5 never reveal it, so they work either way.
            AllowPlaintextAuthentication = settings.AllowPlaintext,

            // Certificates are checked as .NET always checks them. For a server with a self-signed certificate,
            // set ServerCertificateValidationCallback to accept exactly that certificate (compare its hash),
            // never to accept any certificate.
        };

        var imap = await ImapConnection.ConnectAsync(settings.Host, settings.Port, settings.Security, options, cancellationToken);
        try
        {
            // Picks the strongest mechanism both sides support: SCRAM-SHA-256 first, LOGIN last.
            await imap.AuthenticateAsync(new NetworkCredential(settings.User, settings.Password), cancellationToken);
            return imap;
        }
        catch
        {
            await imap.DisposeAsync();
            throw;
        }
    }
}
