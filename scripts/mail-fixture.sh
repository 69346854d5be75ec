#!/usr/bin/env bash
# Starts or stops a private Postfix + Dovecot pair on 127.0.0.1 for the probe tests and benchmarks.
#
#   scripts/mail-fixture.sh start [STATE_DIR] [--watch PID]
#                                               prints "name=port" lines; writes PIDs into STATE_DIR;
#                                               with --watch, also stops them once process PID is gone
#                                               (a test process that crashes leaves nothing running)
#   scripts/mail-fixture.sh stop  STATE_DIR     stops the servers recorded in STATE_DIR, by PID only
#
# Printed ports (on 127.0.0.1 unless noted, chosen free at random):
#   smtp         Postfix, plain SMTP with STARTTLS offered (smtpd_tls_security_level = may)
#   submission   Postfix, STARTTLS required, AUTH only after TLS (SASL through Dovecot)
#   submissions  Postfix, implicit TLS (wrapper mode), AUTH
#   imap, pop3   Dovecot, STARTTLS / STLS        (on 127.0.0.2, see below)
#   imaps, pop3s Dovecot, implicit TLS            (on 127.0.0.2)
# Dovecot treats a client whose address equals the server's as secure and then allows plain-text
# logins before TLS; listening on 127.0.0.2 (reached from 127.0.0.1) keeps its real policy visible.
# One user exists for login tests: fixture / fixture-password (Dovecot passwd-file, also used by Postfix SASL).
# The certificate (STATE_DIR/tls/mail.test.crt) is self-signed for mail.test with a DNS SAN only, made
# here with openssl. Mail is never delivered: Postfix only knows the local domain mail.test and does not
# relay for 127.0.0.1 (mynetworks is a documentation range).
#
# Needs root (Postfix and Dovecot drop privileges to their own users). Processes are recorded in
# STATE_DIR/*.pid and stopped by those PIDs, never by name.
set -euo pipefail

die() { echo "mail-fixture: $*" >&2; exit 1; }

port_in_use() {
    command -v ss >/dev/null 2>&1 || return 1
    [ -n "$(ss -Hlnt "sport = :$1" 2>/dev/null)" ]
}

# A free TCP port not already handed out in this run.
declare -A taken=()
free_port() {
    local port
    for _ in $(seq 1 100); do
        port=$(( 20000 + RANDOM % 40000 ))
        [ -z "${taken[$port]:-}" ] && ! port_in_use "$port" && { taken[$port]=1; echo "$port"; return; }
    done
    die "no free port found"
}

wait_for_port() {
    local port="$1" pid="$2" name="$3" host="${4:-127.0.0.1}" deadline=$(( SECONDS + 20 ))
    until (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || die "$name exited during start-up (see $state/$name.log)"
        [ "$SECONDS" -lt "$deadline" ] || die "$name did not open port $port within 20 s"
        sleep 0.05
    done
}

# Runs a command in the background with every descriptor above stderr closed (a daemon that keeps the
# caller's pipe open would make the caller wait for EOF forever). Prints the PID.
spawn() {
    local log="$1"
    shift
    (
        for fd in /proc/self/fd/*; do
            fd="${fd##*/}"
            [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-" 2>/dev/null
        done
        exec "$@" < /dev/null > "$log" 2>&1
    ) &
    echo $!
}

make_certificate() {
    mkdir -p "$state/tls"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 -days 30 \
        -keyout "$state/tls/mail.test.key" -out "$state/tls/mail.test.crt" \
        -subj "/CN=mail.test" -addext "subjectAltName=DNS:mail.test" >/dev/null 2>&1 \
        || die "openssl could not create the certificate"
    chmod 644 "$state/tls/mail.test.crt"
    chmod 600 "$state/tls/mail.test.key"
}

start_dovecot() {
    local d="$state/dovecot"
    mkdir -p "$d/run" "$d/state" "$d/home"
    chmod 777 "$d/home"
    echo "fixture:{PLAIN}fixture-password::::::" > "$d/users"
    chmod 644 "$d/users"
    cat > "$d/dovecot.conf" <<EOF
base_dir = $d/run
state_dir = $d/state
instance_name = maildoctor-fixture-$$
log_path = $state/dovecot.log
protocols = imap pop3
listen = 127.0.0.2
ssl = yes
ssl_cert = <$state/tls/mail.test.crt
ssl_key = <$state/tls/mail.test.key
disable_plaintext_auth = yes
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = maildir:~/Maildir
login_greeting = MailDoctor fixture ready.
passdb {
  driver = passwd-file
  args = scheme=PLAIN $d/users
}
userdb {
  driver = static
  args = uid=65534 gid=65534 home=$d/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.2
    port = $imap
  }
  inet_listener imaps {
    address = 127.0.0.2
    port = $imaps
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.2
    port = $pop3
  }
  inet_listener pop3s {
    address = 127.0.0.2
    port = $pop3s
    ssl = yes
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
EOF
    dovecot -c "$d/dovecot.conf" -n >/dev/null 2>"$state/dovecot-config.err" \
        || { cat "$state/dovecot-config.err" >&2; die "dovecot rejected its configuration"; }
    local pid
    pid="$(spawn "$state/dovecot.out" dovecot -F -c "$d/dovecot.conf")"
    echo "$pid" > "$state/dovecot.pid"
    for port in "$imap" "$imaps" "$pop3" "$pop3s"; do wait_for_port "$port" "$pid" dovecot 127.0.0.2; done
}

start_postfix() {
    local p="$state/postfix"
    mkdir -p "$p/conf" "$p/queue" "$p/data"
    chown postfix "$p/data"
    cat > "$p/conf/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $p/queue
data_directory = $p/data
meta_directory = /etc/postfix
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
shlib_directory = /usr/lib/postfix
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
maillog_file = /dev/stdout
myhostname = mail.test
mydomain = test
myorigin = mail.test
mydestination = mail.test
mynetworks = 192.0.2.0/24
relayhost =
alias_maps =
alias_database =
local_recipient_maps = proxy:unix:passwd.byname
smtpd_banner = \$myhostname ESMTP MailDoctor fixture
smtpd_relay_restrictions = permit_mynetworks permit_sasl_authenticated reject_unauth_destination
smtpd_tls_cert_file = $state/tls/mail.test.crt
smtpd_tls_key_file = $state/tls/mail.test.key
smtpd_tls_security_level = may
smtpd_sasl_type = dovecot
smtpd_sasl_path = $state/dovecot/run/auth-postfix
smtputf8_enable = yes
biff = no
# Benchmarks open 100 connections at once from 127.0.0.1.
default_process_limit = 200
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
EOF
    {
        grep -v '^smtp[[:space:]]\+inet' /etc/postfix/master.cf
        echo "127.0.0.1:$smtp inet n - n - - smtpd"
        echo "127.0.0.1:$submission inet n - n - - smtpd"
        echo "  -o smtpd_tls_security_level=encrypt"
        echo "  -o smtpd_sasl_auth_enable=yes"
        echo "  -o smtpd_tls_auth_only=yes"
        echo "127.0.0.1:$submissions inet n - n - - smtpd"
        echo "  -o smtpd_tls_wrappermode=yes"
        echo "  -o smtpd_sasl_auth_enable=yes"
    } > "$p/conf/master.cf"
    postconf -c "$p/conf" -F '*/*/chroot = n'
    postfix -c "$p/conf" check 2>"$state/postfix-check.err" \
        || { cat "$state/postfix-check.err" >&2; die "postfix check failed"; }
    local wrapper master=""
    wrapper="$(spawn "$state/postfix.log" postfix -c "$p/conf" start-fg)"
    echo "$wrapper" > "$state/postfix-wrapper.pid"
    # start-fg runs a shell script whose child is master: record master's PID, it is what we stop.
    for _ in $(seq 1 200); do
        master="$(ps -o pid= --ppid "$wrapper" 2>/dev/null | tr -d " " | head -n 1 || true)"
        [ -n "$master" ] && [ "$(ps -o comm= -p "$master" 2>/dev/null)" = "master" ] && break
        kill -0 "$wrapper" 2>/dev/null || { cat "$state/postfix.log" >&2; die "postfix exited during start-up"; }
        master=""
        sleep 0.05
    done
    [ -n "$master" ] || die "postfix master did not start"
    echo "$master" > "$state/postfix.pid"
    for port in "$smtp" "$submission" "$submissions"; do wait_for_port "$port" "$master" postfix; done
    # Ready when the banner arrives (master accepts before smtpd is up).
    local deadline=$(( SECONDS + 20 ))
    until exec 3<>"/dev/tcp/127.0.0.1/$smtp" 2>/dev/null && read -r -t 5 line <&3 && [[ "$line" == 220* ]]; do
        exec 3>&- 2>/dev/null || true
        [ "$SECONDS" -lt "$deadline" ] || die "postfix sent no banner within 20 s"
        sleep 0.1
    done
    printf 'QUIT\r\n' >&3 || true
    exec 3>&-
}

start() {
    state="${1:-}"
    local watch=""
    if [ "${2:-}" = "--watch" ]; then watch="${3:?--watch needs a PID}"; fi
    [ "$(id -u)" -eq 0 ] || die "needs root (Postfix and Dovecot change to their own users)"
    command -v postfix >/dev/null || die "postfix not found (Debian package: postfix)"
    command -v dovecot >/dev/null || die "dovecot not found (Debian packages: dovecot-imapd dovecot-pop3d)"
    command -v openssl >/dev/null || die "openssl not found"
    if [ -z "$state" ]; then
        state="$(mktemp -d "${TMPDIR:-/tmp}/mail-fixture.XXXXXX")"
        echo "mail-fixture: state directory $state" >&2
    fi
    mkdir -p "$state"
    state="$(cd "$state" && pwd)"
    # Postfix and Dovecot run as their own users and must reach files in here.
    chmod 755 "$state"
    for name in postfix dovecot; do
        if [ -f "$state/$name.pid" ] && kill -0 "$(cat "$state/$name.pid")" 2>/dev/null; then
            die "$name is already running for $state (pid $(cat "$state/$name.pid"))"
        fi
    done
    smtp=$(free_port); submission=$(free_port); submissions=$(free_port)
    imap=$(free_port); imaps=$(free_port); pop3=$(free_port); pop3s=$(free_port)
    make_certificate
    started_ok=0
    trap 'if [ "$started_ok" != 1 ]; then stop "$state" >/dev/null 2>&1; fi' EXIT
    start_dovecot
    start_postfix
    started_ok=1
    if [ -n "$watch" ]; then
        (
            for fd in /proc/self/fd/*; do
                fd="${fd##*/}"
                [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-" 2>/dev/null
            done
            exec < /dev/null > /dev/null 2>&1
            while kill -0 "$watch" 2>/dev/null && [ -f "$state/postfix.pid" ]; do sleep 0.5; done
            [ -f "$state/postfix.pid" ] && stop "$state"
        ) &
        echo $! > "$state/watcher.pid"
    fi
    {
        echo "smtp=$smtp"
        echo "submission=$submission"
        echo "submissions=$submissions"
        echo "imap=$imap"
        echo "imaps=$imaps"
        echo "pop3=$pop3"
        echo "pop3s=$pop3s"
        echo "dovecot_address=127.0.0.2"
        echo "certificate=$state/tls/mail.test.crt"
    } | tee "$state/ports"
}

# Sends SIGTERM to the process recorded in a PID file and prints it with its direct children.
signal_pid_file() {
    local file="$1" pid
    [ -f "$file" ] || return 0
    pid="$(cat "$file")"
    kill -0 "$pid" 2>/dev/null || return 0
    echo "$pid"
    ps -o pid= --ppid "$pid" 2>/dev/null | tr -d ' ' || true
    kill -TERM "$pid" 2>/dev/null || true
}

# Waits up to 10 s for each PID to exit, then kills what is left. PIDs only, never names.
reap() {
    local pid
    for pid in "$@"; do
        for _ in $(seq 1 200); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.05
        done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    done
}

stop() {
    local state="${1:-}"
    [ -n "$state" ] || die "usage: $0 stop STATE_DIR"
    local pids
    pids="$(signal_pid_file "$state/postfix.pid"; signal_pid_file "$state/dovecot.pid")"
    # shellcheck disable=SC2086
    reap $pids $(cat "$state/postfix-wrapper.pid" 2>/dev/null || true)
    rm -f "$state/postfix.pid" "$state/dovecot.pid" "$state/postfix-wrapper.pid"
}

case "${1:-}" in
    start) shift; start "$@" ;;
    stop) shift; stop "$@" ;;
    *) echo "usage: $0 start [STATE_DIR] | stop STATE_DIR" >&2; exit 2 ;;
esac
