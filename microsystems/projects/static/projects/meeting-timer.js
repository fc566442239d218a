// Meeting mode: a count-down timer for each agenda item. One item runs at a time; the status line
// (read out by screen readers) says when half the time has gone, when a minute is left and when time is up.

const format = (seconds) => {
  const sign = seconds < 0 ? "-" : "";
  const whole = Math.abs(seconds);
  return `${sign}${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
};

const setUp = (list) => {
  const status = document.getElementById("timer-status");
  const items = [...list.querySelectorAll("[data-seconds]")];
  let running = null;
  let tick = null;

  const say = (message) => {
    if (status) status.textContent = message;
  };

  const label = (item, text) => {
    const button = item.querySelector("[data-toggle]");
    button.firstChild.textContent = text;
  };

  const pause = () => {
    if (running) label(running, "Resume");
    if (running) running.classList.remove("app-agenda__item--running");
    clearInterval(tick);
    running = null;
  };

  for (const item of items) {
    const total = Number(item.dataset.seconds);
    item.remaining = total;
    const clock = item.querySelector("[data-clock]");
    const title = item.querySelector(".app-agenda__title").textContent;
    item.querySelector("[data-toggle]").addEventListener("click", () => {
      if (running === item) {
        pause();
        say(`Paused: ${title}`);
        return;
      }
      pause();
      running = item;
      item.classList.add("app-agenda__item--running");
      label(item, "Pause");
      say(`Started: ${title}, ${format(item.remaining)} left`);
      tick = setInterval(() => {
        item.remaining -= 1;
        clock.textContent = format(item.remaining);
        if (item.remaining === Math.floor(total / 2)) say(`Half time: ${title}`);
        if (item.remaining === 60) say(`One minute left: ${title}`);
        if (item.remaining === 0) {
          say(`Time is up: ${title}`);
          item.classList.add("app-agenda__item--over");
        }
      }, 1000);
    });
  }
};

for (const list of document.querySelectorAll("[data-timer]")) setUp(list);
