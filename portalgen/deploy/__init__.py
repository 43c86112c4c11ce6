"""``portalgen deploy``: publishing built sites to FTP, FTPS, SFTP, rsync or folder targets.

``targets`` (which site goes where) and ``plan`` (what to upload and delete) are pure; the
transports (``ftp``, ``sftp``, ``local``) do the I/O; ``run`` orchestrates; ``htaccess`` writes the
Apache configuration shipped with every site.
"""
