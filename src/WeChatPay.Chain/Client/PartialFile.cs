using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Client;

/// <summary>
/// The temporary file a download to a path is written to: created beside the path before anything is sent, moved into
/// place only once the download is complete and checked, and removed whenever it is not.
/// </summary>
internal sealed class PartialFile : IDisposable
{
    private readonly string _path;
    private readonly string _partial;

    private PartialFile(string path, string partial, FileStream stream)
    {
        _path = path;
        _partial = partial;
        Stream = stream;
    }

    /// <summary>Where the download is written.</summary>
    public FileStream Stream { get; }

    /// <summary>
    /// Creates the temporary file under a name no other download picks, so a path that cannot be written costs no download.
    /// </summary>
    /// <exception cref="RequestOptionsException">The path is empty or a directory, or no file can be created beside it.</exception>
    public static PartialFile Beside(string path, bool useAsync)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (string.IsNullOrWhiteSpace(path)) throw new RequestOptionsException("The download's file path is empty; give the file to create or replace.");
        if (Directory.Exists(path)) throw new RequestOptionsException($"The download's file path {path} is a directory; give the file to create or replace, such as {Path.Combine(path, "bill.csv")}.");
        var partial = $"{path}.{Nonce.Create(8)}.partial";
        try
        {
            return new PartialFile(path, partial, new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileDownload.CopyBufferSize, useAsync));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            throw new RequestOptionsException($"The download's file {path} cannot be written: {e.Message} Give a path in a directory that exists and that this process may write to. Nothing was downloaded.", e);
        }
    }

    /// <summary>Flushes and closes the file, then replaces the path with it.</summary>
    /// <param name="async">Whether to flush asynchronously.</param>
    /// <param name="cancellationToken">Cancels the flush.</param>
    /// <exception cref="RequestOptionsException">The file cannot be put in place (the path became a directory, or is locked or read-only).</exception>
    public async ValueTask PutInPlaceAsync(bool async, CancellationToken cancellationToken)
    {
        if (async) await Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        else Stream.Flush();
        Stream.Dispose();
        try
        {
            File.Move(_partial, _path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RequestOptionsException($"The download is complete and checked but cannot be put in place as {_path}: {e.Message} Download it again to a path this process may create or replace.", e);
        }
    }

    /// <summary>
    /// Closes the file and removes it if it is still there. A failure to remove is not reported: it would hide the error
    /// that ended the download (when the directory has gone, say), and once in place there is nothing left to remove.
    /// </summary>
    public void Dispose()
    {
        Stream.Dispose();
        try
        {
            File.Delete(_partial);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
