namespace SeedSession;

/// <summary>The command line: a contract that tests outside this repository rely on.</summary>
internal sealed record Options(string Host, int Port, string User, string Password, string Auth, string Tls, uint Message)
{
    public const string Usage =
        "usage: SeedSession --host HOST --port PORT --user USER --password PASS " +
        "[--auth login|plain|cram-md5|digest-md5|scram-sha-1|scram-sha-256|auto] [--tls none|implicit|starttls] [--message N (default 12)]";

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            values[args[i][2..]] = args[++i];
        }

        string Required(string name) =>
            values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");

        var known = new[] { "host", "port", "user", "password", "auth", "tls", "message" };
        foreach (var key in values.Keys)
        {
            if (!known.Contains(key))
            {
                throw new ArgumentException($"unknown option --{key}");
            }
        }

        var auth = values.GetValueOrDefault("auth", "login").ToLowerInvariant();
        string[] mechanisms = ["login", "plain", "cram-md5", "digest-md5", "scram-sha-1", "scram-sha-256", "auto"];
        if (!mechanisms.Contains(auth))
        {
            throw new ArgumentException($"--auth must be one of {string.Join(", ", mechanisms)}, not '{auth}'");
        }

        var tls = values.GetValueOrDefault("tls", "none").ToLowerInvariant();
        if (tls is not ("none" or "implicit" or "starttls"))
        {
            throw new ArgumentException($"--tls must be none, implicit or starttls, not '{tls}'");
        }

        if (!int.TryParse(Required("port"), out var port) || port is <= 0 or > 65535)
        {
            throw new ArgumentException("--port must be a port number");
        }

        if (!uint.TryParse(values.GetValueOrDefault("message", "12"), out var message) || message == 0)
        {
            throw new ArgumentException("--message must be a message number (1 or more)");
        }

        return new Options(Required("host"), port, Required("user"), Required("password"), auth, tls, message);
    }
}
