using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ImapClient.Transport;

/// <summary>
/// Explains a failed TLS handshake with what most likely went wrong and what to do: a plaintext port, or a
/// certificate the platform does not trust. Watches the certificate validation to know which.
/// </summary>
internal sealed class TlsFailure
{
    private readonly RemoteCertificateValidationCallback? _inner;
    private string? _rejected;

    private TlsFailure(RemoteCertificateValidationCallback? inner) => _inner = inner;

    /// <summary>Puts a watcher around the options' certificate validation (the caller's callback, or the platform's rule).</summary>
    public static TlsFailure Watch(SslClientAuthenticationOptions options)
    {
        var watcher = new TlsFailure(options.RemoteCertificateValidationCallback);
        options.RemoteCertificateValidationCallback = watcher.Validate;
        return watcher;
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        // Without a callback, SslStream accepts exactly the certificates with no policy error.
        var accepted = _inner?.Invoke(sender, certificate, chain, errors) ?? errors == SslPolicyErrors.None;
        if (!accepted)
        {
            // The chain is reset once validation returns: what it found is described now.
            _rejected = Describe(certificate, chain, errors, byCallback: _inner is not null);
        }

        return accepted;
    }

    private static string Describe(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, bool byCallback)
    {
        var found = new StringBuilder(errors == SslPolicyErrors.None ? "no errors" : errors.ToString());
        var statuses = chain?.ChainStatus.Select(s => s.Status).Where(s => s != X509ChainStatusFlags.NoError).Distinct().ToList();
        if (statuses is { Count: > 0 })
        {
            found.Append(": ").AppendJoin(", ", statuses);
        }

        var what = byCallback
            ? $"the server's certificate was rejected by your certificate validation callback (the platform found {found})"
            : $"the server's certificate is not trusted ({found})";
        var identity = certificate is null
            ? ""
            : $" Its subject is {certificate.Subject}; its SHA-256 fingerprint is {ImapCertificateValidation.Fingerprint(certificate)}.";
        return what + "." + identity +
            " For a test server or a private CA, validate the certificate yourself: set ImapConnectionOptions.ServerCertificateValidationCallback " +
            "(or SslOptions.RemoteCertificateValidationCallback), e.g. to ImapCertificateValidation.PinSha256(fingerprint) once you have checked " +
            "the fingerprint on the server. See docs/connecting.md, \"Certificate validation\".";
    }

    /// <summary>The connection error for a handshake that failed with <paramref name="error"/>.</summary>
    public ImapConnectionException Explain(string what, Exception error, FirstBytesStream? received = null)
    {
        if (_rejected is { } rejected)
        {
            return new ImapConnectionException($"{what}: {rejected}", error);
        }

        if (received is not null && PlaintextGreeting(received.First) is { } greeting)
        {
            return new ImapConnectionException(
                $"{what}: the server sent a plaintext IMAP greeting ({greeting}), so this port does not speak implicit TLS. " +
                "Connect with ImapSecurity.StartTlsRequired to upgrade the connection with STARTTLS, or ImapSecurity.None for no encryption; " +
                "or use the server's implicit-TLS port (usually 993).", error);
        }

        return new ImapConnectionException($"{what}: {error.Message}", error);
    }

    /// <summary>The greeting's line when the bytes begin with an untagged OK, PREAUTH or BYE; null otherwise.</summary>
    internal static string? PlaintextGreeting(ReadOnlySpan<byte> first)
    {
        var end = first.IndexOfAny((byte)'\r', (byte)'\n');
        var line = end >= 0 ? first[..end] : first;
        foreach (var status in (ReadOnlySpan<string>)["OK", "PREAUTH", "BYE"])
        {
            var prefix = "* " + status;
            if (line.Length >= prefix.Length
                && Encoding.ASCII.GetString(line[..prefix.Length]).Equals(prefix, StringComparison.OrdinalIgnoreCase)
                && (line.Length == prefix.Length || line[prefix.Length] == (byte)' '))
            {
                // Quoted for the message: printable ASCII only, whatever the server sent, and cut short (capabilities run long).
                const int Shown = 60;
                var text = new StringBuilder(Shown + 1);
                foreach (var b in line[..Math.Min(line.Length, Shown)])
                {
                    text.Append(b is >= 0x20 and < 0x7F ? (char)b : '?');
                }

                return end < 0 || line.Length > Shown ? text.Append('…').ToString() : text.ToString();
            }
        }

        return null;
    }
}
